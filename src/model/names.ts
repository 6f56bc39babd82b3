/** Azure compares these names case-insensitively and without spaces. */
export function compactKey(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** "East US 2", "EASTUS2" and "eastus2" are one ARM region name. */
export function normalizeRegion(region: string): string {
  return compactKey(region);
}

/** One key per VM size: "NC24ads_A100_v4" and "standard_nc24ads_a100_v4" both mean Standard_NC24ads_A100_v4. */
export function sizeKey(name: string): string {
  const key = name.trim().toLowerCase();
  return key.startsWith('standard_') ? key : `standard_${key}`;
}
