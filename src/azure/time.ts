/** A timestamp for `SourceInfo.asOf`: ISO 8601 UTC to the second (milliseconds only add noise to reports). */
export function isoSeconds(when: Date = new Date()): string {
  return when.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
