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

/// A map from token hashes to a byte of flags, with the same cheap probing as ``WordSet``.
struct WordFlags: Sendable {
    private let keys: [UInt64]
    private let values: [UInt8]
    private let mask: Int

    init(_ pairs: [(UInt64, UInt8)]) {
        var merged: [UInt64: UInt8] = [:]
        for (k, v) in pairs where k != 0 { merged[k, default: 0] |= v }
        var size = 8
        while size < merged.count * 4 { size <<= 1 }
        var ks = [UInt64](repeating: 0, count: size)
        var vs = [UInt8](repeating: 0, count: size)
        for (k, v) in merged {
            var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & (size - 1)
            while ks[i] != 0 { i = (i + 1) & (size - 1) }
            ks[i] = k
            vs[i] = v
        }
        keys = ks
        values = vs
        mask = size - 1
    }

    /// Runs `body` with a look-up function over the raw tables (for tight loops).
    @inline(__always) func withLookup<R>(_ body: ((UInt64) -> UInt8) -> R) -> R {
        keys.withUnsafeBufferPointer { ks in
            values.withUnsafeBufferPointer { vs in
                let mask = self.mask
                return body { k in probeSlot(ks, mask, k).map { vs[$0] } ?? 0 }
            }
        }
    }

    /// The flags of `k`, 0 when absent.
    @inline(__always) subscript(_ k: UInt64) -> UInt8 { withLookup { $0(k) } }
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
