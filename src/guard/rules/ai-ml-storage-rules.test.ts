import { describe, expect, it } from 'vitest';
import { failing, undecided } from '../../../test/support/audit.js';
import { aiAccount, inventory, mlCompute, mlEndpoint, mlWorkspace, privateEndpoint, rid, storage, storagePolicy, vm } from '../../../test/support/inventory.js';

describe('AI001-AI003 on Azure OpenAI / AI Services accounts', () => {
  const acct = (name: string) => rid('Microsoft.CognitiveServices/accounts', name);
  const inv = inventory([
    aiAccount('ok'),
    aiAccount('public', { publicNetworkAccess: true, defaultAction: 'Allow', privateEndpointConnections: [], localAuth: true }),
    aiAccount('public-acl-deny', { publicNetworkAccess: true, defaultAction: 'Deny' }),
    aiAccount('pna-unknown', { publicNetworkAccess: null, localAuth: null }),
    aiAccount('acl-unknown', { publicNetworkAccess: true, defaultAction: null }),
    aiAccount('pending-pe', { privateEndpointConnections: [{ endpointId: null, status: 'Pending' }] }),
    aiAccount('pe-resource', { privateEndpointConnections: [] }),
    privateEndpoint('pe1', acct('pe-resource').toUpperCase()),
    aiAccount('pe-rejected', { privateEndpointConnections: [] }),
    privateEndpoint('pe2', acct('pe-rejected'), 'Rejected'),
  ]);
  it('AI001 fails exactly the accounts public with an Allow default action', () => {
    expect(failing('AI001', inv)).toEqual(['public']);
    expect(undecided('AI001', inv)).toEqual(['acl-unknown', 'pna-unknown']);
  });
  it('AI002 fails exactly the accounts without an approved private endpoint', () => {
    expect(failing('AI002', inv)).toEqual(['pe-rejected', 'pending-pe', 'public']);
  });
  it('AI003 fails exactly the accounts with local auth on', () => {
    expect(failing('AI003', inv)).toEqual(['public']);
    expect(undecided('AI003', inv)).toEqual(['pna-unknown']);
  });
});

describe('ML001-ML004 on Azure ML', () => {
  const inv = inventory([
    mlWorkspace('ok'),
    mlWorkspace('public', { publicNetworkAccess: true, privateEndpointConnections: [] }),
    mlWorkspace('unknown', { publicNetworkAccess: null }),
    mlEndpoint('ep-private', false), mlEndpoint('ep-public', true), mlEndpoint('ep-unknown', null),
    mlCompute('min0', 0), mlCompute('min2', 2), mlCompute('cpu-min1', 1, 'Standard_D4s_v3'), mlCompute('min-unknown', null),
  ]);
  it('ML001 and ML002 fail exactly the public and the unlinked workspaces', () => {
    expect(failing('ML001', inv)).toEqual(['public']);
    expect(undecided('ML001', inv)).toEqual(['unknown']);
    expect(failing('ML002', inv)).toEqual(['public']);
  });
  it('ML003 fails exactly the public online endpoints', () => {
    expect(failing('ML003', inv)).toEqual(['ep-public']);
    expect(undecided('ML003', inv)).toEqual(['ep-unknown']);
  });
  it('ML004 fails exactly the clusters with a floor above 0', () => {
    expect(failing('ML004', inv)).toEqual(['cpu-min1', 'min2']);
    expect(undecided('ML004', inv)).toEqual(['min-unknown']);
  });
});

describe('STG001 and STG002 on checkpoint storage', () => {
  const sa = (name: string, rg = 'rg-gpu') => rid('Microsoft.Storage/storageAccounts', name, rg);
  const ckpt = { purpose: 'checkpoints' };
  const inv = inventory([
    vm('gpu'),
    storage('nextgpu', {}), storagePolicy(sa('nextgpu')),
    storage('nopolicy', {}),
    storage('disabledpolicy', {}), storagePolicy(sa('disabledpolicy'), 0),
    storage('taggedelsewhere', { tags: ckpt }, 'rg-data'),
    storage('plainelsewhere', { publicNetworkAccess: true, defaultAction: 'Allow' }, 'rg-data'),
    storage('publicblob', { allowBlobPublicAccess: true }), storagePolicy(sa('publicblob')),
    storage('publicnet', { publicNetworkAccess: true, defaultAction: 'Allow' }), storagePolicy(sa('publicnet')),
    storage('publicnetfirewalled', { publicNetworkAccess: true, defaultAction: 'Deny' }), storagePolicy(sa('publicnetfirewalled')),
    storage('unreadable', { publicNetworkAccess: null, allowBlobPublicAccess: null }), storagePolicy(sa('unreadable')),
  ]);
  it('STG001 fails exactly the checkpoint accounts with no enabled lifecycle rule', () => {
    expect(failing('STG001', inv)).toEqual(['disabledpolicy', 'nopolicy', 'taggedelsewhere']);
  });
  it('STG002 fails exactly the checkpoint accounts open to the public', () => {
    expect(failing('STG002', inv)).toEqual(['publicblob', 'publicnet']);
    expect(undecided('STG002', inv)).toEqual(['unreadable']);
  });
});
