import { idKey } from '../model/inventory.js';

/** FNV-1a over the UTF-16 code units of a string. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Hash of `idKey(id)` computed without building it for ASCII ids (all real ARM ids). */
function foldedHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    let c = id.charCodeAt(i);
    if (c > 0x7f) return fnv(idKey(id));
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

const sameId = (a: string, b: string): boolean => a === b || idKey(a) === idKey(b);

/**
 * Values by ARM id, matched case-insensitively as ARM ids are. Keyed by a 32-bit hash of the lower-cased
 * id, with the ids themselves compared on a hit, so that no lower-cased copy of each id is kept: at a
 * million resources those copies and a map from id to copy held about 0.3 GiB. `keyOf` gives the id a
 * stored value is filed under.
 */
export class IdMap<V extends object> {
  // One value per hash, or an array of them in the rare case two ids share a hash (values are never arrays).
  private readonly slots = new Map<number, V | V[]>();
  private count = 0;

  constructor(private readonly keyOf: (value: V) => string) {}

  /** How many values are filed. */
  get size(): number {
    return this.count;
  }

  get(id: string): V | undefined {
    const slot = this.slots.get(foldedHash(id));
    if (slot === undefined) return undefined;
    if (!Array.isArray(slot)) return sameId(this.keyOf(slot), id) ? slot : undefined;
    return slot.find((v) => sameId(this.keyOf(v), id));
  }

  /** Files `value` under its id unless a value with the same id is there; false when one was. */
  add(value: V): boolean {
    const id = this.keyOf(value);
    const h = foldedHash(id);
    const slot = this.slots.get(h);
    if (slot === undefined) this.slots.set(h, value);
    else if (!Array.isArray(slot)) {
      if (sameId(this.keyOf(slot), id)) return false;
      this.slots.set(h, [slot, value]);
    } else {
      if (slot.some((v) => sameId(this.keyOf(v), id))) return false;
      slot.push(value);
    }
    this.count++;
    return true;
  }
}

/** Lists of values by the ARM id they refer to (schedules by target, metrics by resource), case-insensitively. */
export class IdMultiMap<V> {
  private readonly lists = new IdMap<{ id: string; values: V[] }>((l) => l.id);

  /** How many distinct ids have a list. */
  get size(): number {
    return this.lists.size;
  }

  push(id: string, value: V): void {
    const list = this.lists.get(id);
    if (list) list.values.push(value);
    else this.lists.add({ id, values: [value] });
  }

  get(id: string): V[] | undefined {
    return this.lists.get(id)?.values;
  }
}
