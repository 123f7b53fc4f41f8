/// A set of token hashes with a cheap membership test.
///
/// Keys are already well-mixed 64-bit FNV-1a hashes, so the table indexes by the key's low bits
/// directly (open addressing, linear probing, load ≤ 1/4) instead of rehashing with SipHash as
/// `Set<UInt64>` does. Rules probe it for nearly every token.
struct WordSet: Sendable {
    private let slots: [UInt64]
    private let mask: Int
    let count: Int

    init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
        let t = buildTable(Array(keys))
        slots = t.slots
        mask = t.slots.count - 1
        count = t.count
    }

    /// The empty set.
    static let empty = WordSet([])

    @inline(__always) func contains(_ k: UInt64) -> Bool {
        slots.withUnsafeBufferPointer { probeSlot($0, mask, k) != nil }
    }

    /// The union with more keys.
    func union(_ other: WordSet) -> WordSet { WordSet(keys + other.keys) }
    /// Without the given keys.
    func subtracting(_ other: WordSet) -> WordSet { WordSet(keys.filter { !other.contains($0) }) }

    var keys: [UInt64] { slots.filter { $0 != 0 } }
}

/// A map from token hashes to flags (open addressing, linear probing, indexed by the low bits of
/// the already well-mixed hash; load ≤ 1/`spread`). An empty slot holds key 0 and flags 0, so a
/// probe stops at the key or at an empty slot and returns the slot's flags either way. Rules and
/// ``Triggers`` probe one for every token of a sentence.
struct WordFlags<Flags: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Flags]
    private let mask: Int

    /// The flags of each key OR-ed together; `spread` sets the table size (a larger one has
    /// shorter probes).
    init(_ pairs: [(UInt64, Flags)], spread: Int = 4) {
        var merged: [UInt64: Flags] = [:]
        for (k, v) in pairs where k != 0 { merged[k, default: 0] |= v }
        var size = 8
        while size < merged.count * spread { size <<= 1 }
        var ks = [UInt64](repeating: 0, count: size)
        var vs = [Flags](repeating: 0, count: size)
        for (k, v) in merged {
            var i = Int(truncatingIfNeeded: k) & (size - 1)
            while ks[i] != 0 { i = (i + 1) & (size - 1) }
            ks[i] = k
            vs[i] = v
        }
        keys = ks
        values = vs
        mask = size - 1
    }

    /// Runs `body` with a look-up function over the raw tables (for tight loops).
    @inline(__always) func withLookup<R>(_ body: ((UInt64) -> Flags) -> R) -> R {
        keys.withUnsafeBufferPointer { ks in
            values.withUnsafeBufferPointer { vs in
                let mask = self.mask
                return body { k in
                    var i = Int(truncatingIfNeeded: k) & mask
                    while true {
                        let s = ks[i]
                        if s == k || s == 0 { return vs[i] }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    /// The flags of `k`, 0 when absent.
    @inline(__always) subscript(_ k: UInt64) -> Flags { withLookup { $0(k) } }
}

/// A map from token hashes to dense ids `0..<count` (the order of first appearance), with the
/// same cheap probing as ``WordSet``: lets per-key data live in plain arrays.
struct WordIndex {
    private let slots: [UInt64]
    private let ids: [Int32]
    private let mask: Int
    /// The number of distinct keys.
    let count: Int

    init(_ keys: [UInt64]) {
        let t = buildTable(keys)
        slots = t.slots
        ids = t.ids
        mask = t.slots.count - 1
        count = t.count
    }

    /// Runs `body` with a look-up function over the raw tables (for tight loops).
    @inline(__always) func withLookup<R>(_ body: ((UInt64) -> Int) -> R) -> R {
        slots.withUnsafeBufferPointer { sl in
            ids.withUnsafeBufferPointer { idt in
                let mask = self.mask
                return body { k in probeSlot(sl, mask, k).map { Int(idt[$0]) } ?? -1 }
            }
        }
    }

    /// The id of `k`, or -1 when absent.
    @inline(__always) func id(_ k: UInt64) -> Int { withLookup { $0(k) } }
}

/// The slot of `k` in an open-addressing table of keys (0 = empty, linear probing), or nil.
@inline(__always) func probeSlot(_ slots: UnsafeBufferPointer<UInt64>, _ mask: Int, _ k: UInt64) -> Int? {
    guard k != 0 else { return nil }
    var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
    while true {
        let s = slots[i]
        if s == k { return i }
        if s == 0 { return nil }
        i = (i + 1) & mask
    }
}

/// An open-addressing table (load ≤ 1/4, linear probing, 0 = empty) of the distinct non-zero
/// `keys`, with each key's dense id in order of first appearance.
func buildTable(_ keys: [UInt64]) -> (slots: [UInt64], ids: [Int32], count: Int) {
    var size = 8
    while size < keys.count * 4 { size <<= 1 }
    var table = [UInt64](repeating: 0, count: size)
    var idTable = [Int32](repeating: -1, count: size)
    var next: Int32 = 0
    for k in keys where k != 0 {
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & (size - 1)
        while table[i] != 0 && table[i] != k { i = (i + 1) & (size - 1) }
        if table[i] == 0 { table[i] = k; idTable[i] = next; next += 1 }
    }
    return (table, idTable, Int(next))
}

/// A growable map from token hashes (well-mixed 64-bit keys) to integers, with the same probing
/// as ``WordSet`` (open addressing, linear probing, load ≤ 1/2) — no rehashing of keys that are
/// hashes already, unlike `Dictionary<UInt64, Int>`. Values index arrays kept by the caller.
struct HashMap64 {
    /// Key, value, key, value, …: one allocation per table (0 marks an empty slot).
    private var slots: [UInt64]
    /// The value of key 0, which marks empty slots.
    private var zeroValue: Int?
    private(set) var count = 0

    /// An empty map with room for `capacity` keys before it grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * size)
    }

    /// The slot holding `k`, or the empty slot where it would go.
    @inline(__always) private func slot(_ k: UInt64) -> Int {
        let mask = slots.count / 2 - 1
        return slots.withUnsafeBufferPointer { s in
            var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
            while s[2 * i] != k && s[2 * i] != 0 { i = (i + 1) & mask }
            return i
        }
    }

    /// The value of `k`; setting `nil` is not supported (keys are never removed).
    subscript(_ k: UInt64) -> Int? {
        get {
            if k == 0 { return zeroValue }
            let i = slot(k)
            return slots[2 * i] == k ? Int(truncatingIfNeeded: slots[2 * i + 1]) : nil
        }
        set {
            guard let newValue else { preconditionFailure("HashMap64 does not remove keys") }
            if k == 0 {
                if zeroValue == nil { count += 1 }
                zeroValue = newValue
                return
            }
            var i = slot(k)
            if slots[2 * i] != k {
                if (count + 1) * 4 > slots.count {
                    grow()
                    i = slot(k)
                }
                slots[2 * i] = k
                count += 1
            }
            slots[2 * i + 1] = UInt64(truncatingIfNeeded: newValue)
        }
    }

    /// Every key and value, in no particular order.
    func forEach(_ body: (UInt64, Int) -> Void) {
        if let zeroValue { body(0, zeroValue) }
        for i in stride(from: 0, to: slots.count, by: 2) where slots[i] != 0 { body(slots[i], Int(truncatingIfNeeded: slots[i + 1])) }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        for i in stride(from: 0, to: old.count, by: 2) where old[i] != 0 {
            let j = slot(old[i])
            slots[2 * j] = old[i]
            slots[2 * j + 1] = old[i + 1]
        }
    }
}
