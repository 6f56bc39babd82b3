import { describe, expect, it } from 'vitest';
import { Block, hcl, quote, writeBlock, writeFile } from './hcl.js';

describe('HCL writer (terraform fmt style)', () => {
  it('aligns = over a run of single-line attributes and sets blocks apart with blank lines', () => {
    const text = writeBlock({
      keyword: 'resource', labels: ['azurerm_x', 'main'],
      body: [['name', 'a'], ['resource_group_name', hcl('azurerm_resource_group.main.name')], ['os_disk', new Block([['caching', 'ReadWrite'], ['disk_size_gb', 256]])], ['count', 2]],
    });
    expect(text).toBe([
      'resource "azurerm_x" "main" {',
      '  name                = "a"',
      '  resource_group_name = azurerm_resource_group.main.name',
      '',
      '  os_disk {',
      '    caching      = "ReadWrite"',
      '    disk_size_gb = 256',
      '  }',
      '',
      '  count = 2',
      '}',
      '',
    ].join('\n'));
  });

  it('writes maps with quoted keys where HCL needs them, aligned', () => {
    const text = writeBlock({ keyword: 'locals', labels: [], body: [['tags', { owner: hcl('var.owner'), 'cost-center': 'ml' }]] });
    expect(text).toBe('locals {\n  tags = {\n    owner         = var.owner\n    "cost-center" = "ml"\n  }\n}\n');
  });

  it('escapes quotes, backslashes and template markers in strings', () => {
    expect(quote('a "b" \\ ${x} %{y}')).toBe('"a \\"b\\" \\\\ $${x} %%{y}"');
  });

  it('writes empty blocks on one line and lists inline', () => {
    expect(writeBlock({ keyword: 'provider', labels: ['azurerm'], body: [['features', new Block([])], ['x', ['a', 1, true]]] }))
      .toBe('provider "azurerm" {\n  features {}\n\n  x = ["a", 1, true]\n}\n');
  });

  it('separates top-level blocks with one blank line and prefixes a header as comments', () => {
    const text = writeFile([{ keyword: 'a', labels: [], body: [['x', 1]] }, { keyword: 'b', labels: [], body: [] }], 'Header\nline two');
    expect(text).toBe('# Header\n# line two\n\na {\n  x = 1\n}\n\nb {}\n');
  });
});
