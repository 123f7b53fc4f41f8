/// A small, fast JSON encoder whose output is deterministic.
///
/// Foundation's `JSONEncoder` on Linux writes object keys in hash order, so two runs over
/// the same input can print different bytes. `JSONWriter` writes keys in the order the
/// value's `encode(to:)` method encodes them, which for the claims/1 types is the order
/// of the contract (`"schema"` first):
///
/// ```swift
/// let result = ClaimsPipeline.process(bytes, sourceID: "page.html")
/// let line = try JSONWriter.encodeString(result)                // {"schema":"claims/1",…}
/// let pretty = try JSONWriter.encodeString(result, pretty: true) // 2-space indent
/// ```
///
/// Output rules:
/// - Keyed containers keep insertion order; `encodeNil` writes `null`; a key encoded
///   twice is written twice (as with any streaming writer).
/// - Integers are written as integers; `Double` and `Float` in their shortest form that
///   reads back to the same value (`0.9`, `1e-05`, `1.0`). NaN and infinities throw
///   `EncodingError.invalidValue`.
/// - Strings are escaped as RFC 8259 requires: `"` `\` and control characters
///   (`\n`, `\t`, … or `\u00XX`); `/` is not escaped; non-ASCII is written as UTF-8.
/// - `pretty` output indents by two spaces and writes `"key": value`; empty arrays and
///   objects print as `[]` and `{}`. Compact output has no spaces at all.
/// - Only the values' `Codable` representation is used: there are no date, data or key
///   strategies.
///
/// The encoder streams into one byte buffer as the value is encoded, without building
/// an intermediate tree. Containers must therefore be used in nesting order: once a
/// container's parent has written its next element, the nested container is closed and
/// writing to it again throws `EncodingError.invalidValue`. Every synthesised and
/// hand-written `encode(to:)` in this package follows that order.
///
/// - Complexity: O(*n*) in the size of the output.
public enum JSONWriter {
    /// Encodes `value` as UTF-8 JSON bytes.
    /// - Parameters:
    ///   - value: the value to encode.
    ///   - pretty: indent with two spaces and put every element on its own line.
    /// - Throws: `EncodingError.invalidValue` for a non-finite number, a value that
    ///   encodes nothing at the top level, or containers used out of nesting order.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> [UInt8] {
        var out: [UInt8] = []
        try encode(value, pretty: pretty, appendingTo: &out)
        return out
    }

    /// Encodes `value` as a JSON string.
    /// - Parameters:
    ///   - value: the value to encode.
    ///   - pretty: indent with two spaces and put every element on its own line.
    public static func encodeString<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        String(decoding: try encode(value, pretty: pretty), as: UTF8.self)
    }

    /// Encodes `value` and appends the JSON to `buffer` (no trailing newline).
    ///
    /// Use this to fill one output buffer with many documents without an allocation per
    /// document. On error, `buffer` is left as it was.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool, appendingTo buffer: inout [UInt8]) throws {
        let sink = JSONSink(pretty: pretty)
        try sink.writeValue(value, parent: nil, key: nil)
        if let error = sink.error { throw error }
        sink.state.pointee.out.copy(to: &buffer)
    }
}

// MARK: - Internals

/// A coding key for array positions and `super`.
struct JSONKey: CodingKey {
    let name: String?
    let intValue: Int?
    init(stringValue: String) { self.name = stringValue; self.intValue = nil }
    /// Array positions: the name is only built when a coding path is shown.
    init(intValue: Int) { self.name = nil; self.intValue = intValue }
    var stringValue: String { name ?? "Index \(intValue ?? 0)" }
    static let superKey = JSONKey(stringValue: "super")
}

/// The shared output state: the buffer and the stack of open containers.
final class JSONSink {
    struct Frame {
        let id: Int
        let isObject: Bool
        var count: Int
        /// A slot handed out by `superEncoder()` that may still be unfilled.
        var pending: JSONSlotEncoder?
    }

    /// The mutable state, behind a pointer: stored properties of a class pay a dynamic
    /// exclusivity check on every access, which was a third of the encoding time.
    struct State {
        var out = ByteBuffer()
        var frames: [Frame] = []
        var nextID = 1
        var error: (any Error)?
    }

    let state: UnsafeMutablePointer<State>
    let pretty: Bool

    var out: ByteBuffer {
        _read { yield state.pointee.out }
        _modify { yield &state.pointee.out }
    }
    var frames: [Frame] {
        _read { yield state.pointee.frames }
        _modify { yield &state.pointee.frames }
    }
    var nextID: Int {
        get { state.pointee.nextID }
        set { state.pointee.nextID = newValue }
    }
    /// An error raised where the `Encoder` API cannot throw; reported at the end.
    var error: (any Error)? {
        get { state.pointee.error }
        set { state.pointee.error = newValue }
    }

    init(pretty: Bool) {
        self.pretty = pretty
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.frames.reserveCapacity(16)
    }

    deinit {
        state.pointee.out.free()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func fail(_ message: String, _ path: [any CodingKey]) -> EncodingError {
        let e = EncodingError.invalidValue(
            (), EncodingError.Context(codingPath: path, debugDescription: message))
        if error == nil { error = e }
        return e
    }

    // MARK: Containers

    func openFrame(object: Bool) -> Int {
        let id = nextID
        nextID += 1
        out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(id: id, isObject: object, count: 0, pending: nil))
        return id
    }

    @inline(__always) func newline(depth: Int) {
        out.append(0x0A)
        for _ in 0..<depth { out.append(0x20); out.append(0x20) }
    }

    func fillPending(_ index: Int) {
        if let slot = frames[index].pending {
            frames[index].pending = nil
            slot.finish()
        }
    }

    func closeTop() {
        let index = frames.count - 1
        fillPending(index)
        // `finish` above may have opened nothing new: it only closes frames above `index`.
        while frames.count > index + 1 { closeTop() }
        let frame = frames.removeLast()
        if pretty && frame.count > 0 { newline(depth: frames.count) }
        out.append(frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    func close(downTo depth: Int) {
        while frames.count > depth { closeTop() }
    }

    /// Starts an element of the container at `index` (which must still be open as `id`):
    /// closes containers nested in it, writes the separator and the key.
    func beginElement(_ index: Int, _ id: Int, key: String?, path: @autoclosure () -> [any CodingKey]) throws {
        guard index < frames.count, frames[index].id == id else {
            throw fail("JSONWriter: a container was written to after its parent moved on", path())
        }
        if frames.count > index + 1 { close(downTo: index + 1) }
        fillPending(index)
        if frames[index].count > 0 { out.append(UInt8(ascii: ",")) }
        frames[index].count += 1
        if pretty { newline(depth: index + 1) }
        if let key {
            writeString(key)
            out.append(UInt8(ascii: ":"))
            if pretty { out.append(0x20) }
        }
    }

    // MARK: Values

    func writeValue<T: Encodable>(_ value: T, parent: JSONSlotEncoder?, key: (any CodingKey)?) throws {
        // Fast paths for the common leaf types avoid an encoder object per value. Exact
        // type checks, not `as?` casts, which may bridge (a Double 1.0 cast to Int).
        if T.self == String.self {
            writeString(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            writeInt(Int64(unsafeBitCast(value, to: Int.self)))
        } else if T.self == Double.self {
            try writeDouble(unsafeBitCast(value, to: Double.self), parent: parent, key: key)
        } else if T.self == Bool.self {
            writeBool(unsafeBitCast(value, to: Bool.self))
        } else {
            let slot = JSONSlotEncoder(sink: self, depth: frames.count, parent: parent, key: key)
            try value.encode(to: slot)
            slot.finish()
        }
    }

    func writeNull() { out.append("null") }

    func writeBool(_ v: Bool) {
        if v { out.append("true") } else { out.append("false") }
    }

    func writeInt(_ v: Int64) {
        if v < 0 {
            out.append(UInt8(ascii: "-"))
            writeUInt(v.magnitude)
        } else {
            writeUInt(UInt64(v))
        }
    }

    func writeUInt(_ v: UInt64) {
        if v < 10 { out.append(0x30 &+ UInt8(v)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = v
            var i = 20
            while n > 0 {
                i -= 1
                digits[i] = 0x30 &+ UInt8(n % 10)
                n /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    func writeDouble(_ v: Double, parent: JSONSlotEncoder?, key: (any CodingKey)?) throws {
        guard v.isFinite else {
            throw fail("JSONWriter: \(v) is not a valid JSON number", JSONSlotEncoder.path(parent, key))
        }
        if v == v.rounded(.towardZero), v.magnitude < 1e15 {
            // Whole numbers: `Double.description` would also say "3.0"; skip its work.
            if v.sign == .minus && v == 0 { out.append("-") }
            writeInt(Int64(v))
            out.append(".0")
            return
        }
        out.append(utf8Of: v.description)
    }

    func writeFloat(_ v: Float, parent: JSONSlotEncoder?, key: (any CodingKey)?) throws {
        guard v.isFinite else {
            throw fail("JSONWriter: \(v) is not a valid JSON number", JSONSlotEncoder.path(parent, key))
        }
        out.append(utf8Of: v.description)
    }

    /// Bytes that must be escaped in a JSON string: `"`, `\` and C0 controls.
    static let needsEscape: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
            var copy = s
            copy.withUTF8 { writeEscaped($0) }
        }
        out.append(UInt8(ascii: "\""))
    }

    func writeEscaped(_ p: UnsafeBufferPointer<UInt8>) {
        JSONSink.needsEscape.withUnsafeBufferPointer { table in
            var run = 0
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if !table[Int(b)] { i += 1; continue }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
                out.append(UInt8(ascii: "\\"))
                switch b {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append("u00")
                    out.append(JSONSink.hex[Int(b >> 4)])
                    out.append(JSONSink.hex[Int(b & 15)])
                }
                i += 1
                run = i
            }
            if run < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<n])) }
        }
    }
}

/// The encoder for one value slot (top level, an object member or an array element).
final class JSONSlotEncoder: Encoder {
    let sink: JSONSink
    /// The index the slot's own container takes in `sink.frames`.
    let depth: Int
    let parent: JSONSlotEncoder?
    let key: (any CodingKey)?
    /// Set once the slot has a value (a container was opened or a single value written).
    var filled = false
    /// The frame this slot opened, if any.
    var frameID = 0
    var frameIsObject = false

    init(sink: JSONSink, depth: Int, parent: JSONSlotEncoder?, key: (any CodingKey)?) {
        self.sink = sink
        self.depth = depth
        self.parent = parent
        self.key = key
    }

    static func path(_ parent: JSONSlotEncoder?, _ key: (any CodingKey)?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        if let key { keys.append(key) }
        var p = parent
        while let e = p {
            if let k = e.key { keys.append(k) }
            p = e.parent
        }
        return keys.reversed()
    }

    var codingPath: [any CodingKey] { JSONSlotEncoder.path(parent, key) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Closes what the slot opened, or writes `{}` when it encoded nothing.
    func finish() {
        if filled {
            if frameID != 0 { sink.close(downTo: depth) }
        } else {
            filled = true
            if sink.frames.count == depth {
                sink.out.append("{}")
            }
        }
    }

    /// Opens (or re-opens, for a second request of the same kind) this slot's container.
    func open(object: Bool) -> (index: Int, id: Int) {
        if filled {
            if frameID != 0, frameIsObject == object, depth < sink.frames.count, sink.frames[depth].id == frameID {
                return (depth, frameID)
            }
            _ = sink.fail("JSONWriter: a value was encoded twice into one slot", codingPath)
            return (-1, -1)
        }
        guard sink.frames.count == depth else {
            _ = sink.fail("JSONWriter: an encoder was used after its parent moved on", codingPath)
            return (-1, -1)
        }
        filled = true
        frameIsObject = object
        frameID = sink.openFrame(object: object)
        return (depth, frameID)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let (index, id) = open(object: true)
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self, index: index, id: id))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let (index, id) = open(object: false)
        return JSONUnkeyedContainer(encoder: self, index: index, id: id)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }

    /// A slot for a nested container's element: writes the separator and key now.
    func nestedSlot(index: Int, id: Int, key: any CodingKey, inObject: Bool) -> JSONSlotEncoder? {
        do {
            try sink.beginElement(index, id, key: inObject ? key.stringValue : nil, path: JSONSlotEncoder.path(self, key))
        } catch {
            return nil
        }
        return JSONSlotEncoder(sink: sink, depth: sink.frames.count, parent: self, key: key)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONSlotEncoder
    let index: Int
    let id: Int
    var sink: JSONSink { encoder.sink }
    var codingPath: [any CodingKey] { encoder.codingPath }

    @inline(__always) func begin(_ key: Key) throws {
        try sink.beginElement(index, id, key: key.stringValue, path: JSONSlotEncoder.path(encoder, key))
    }

    mutating func encodeNil(forKey key: Key) throws { try begin(key); sink.writeNull() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key); sink.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try begin(key); sink.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try begin(key); try sink.writeDouble(value, parent: encoder, key: key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try begin(key); try sink.writeFloat(value, parent: encoder, key: key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key); sink.writeInt(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key); sink.writeUInt(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        try sink.writeValue(value, parent: encoder, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let slot = encoder.nestedSlot(index: index, id: id, key: key, inObject: true)
            ?? JSONSlotEncoder(sink: sink, depth: -1, parent: encoder, key: key)
        return slot.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let slot = encoder.nestedSlot(index: index, id: id, key: key, inObject: true)
            ?? JSONSlotEncoder(sink: sink, depth: -1, parent: encoder, key: key)
        return slot.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(key: JSONKey.superKey) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(key: key) }

    private func superEncoder(key: any CodingKey) -> any Encoder {
        guard let slot = encoder.nestedSlot(index: index, id: id, key: key, inObject: true) else {
            return JSONSlotEncoder(sink: sink, depth: -1, parent: encoder, key: key)
        }
        sink.frames[index].pending = slot
        return slot
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONSlotEncoder
    let index: Int
    let id: Int
    var count = 0
    var sink: JSONSink { encoder.sink }
    var codingPath: [any CodingKey] { encoder.codingPath }

    init(encoder: JSONSlotEncoder, index: Int, id: Int) {
        self.encoder = encoder
        self.index = index
        self.id = id
    }

    @inline(__always) mutating func begin() throws {
        let n = count
        try sink.beginElement(index, id, key: nil, path: JSONSlotEncoder.path(encoder, JSONKey(intValue: n)))
        count += 1
    }

    mutating func encodeNil() throws { try begin(); sink.writeNull() }
    mutating func encode(_ value: Bool) throws { try begin(); sink.writeBool(value) }
    mutating func encode(_ value: String) throws { try begin(); sink.writeString(value) }
    mutating func encode(_ value: Double) throws {
        let k = JSONKey(intValue: count)
        try begin(); try sink.writeDouble(value, parent: encoder, key: k)
    }
    mutating func encode(_ value: Float) throws {
        let k = JSONKey(intValue: count)
        try begin(); try sink.writeFloat(value, parent: encoder, key: k)
    }
    mutating func encode(_ value: Int) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try begin(); sink.writeInt(value) }
    mutating func encode(_ value: UInt) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try begin(); sink.writeUInt(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let k = JSONKey(intValue: count)
        try begin()
        try sink.writeValue(value, parent: encoder, key: k)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nextSlot().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        nextSlot().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let slot = nextSlot()
        if slot.depth >= 0 { sink.frames[index].pending = slot }
        return slot
    }

    private mutating func nextSlot() -> JSONSlotEncoder {
        let k = JSONKey(intValue: count)
        count += 1
        return encoder.nestedSlot(index: index, id: id, key: k, inObject: false)
            ?? JSONSlotEncoder(sink: sink, depth: -1, parent: encoder, key: k)
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONSlotEncoder
    var sink: JSONSink { encoder.sink }
    var codingPath: [any CodingKey] { encoder.codingPath }

    @inline(__always) func begin() throws {
        guard !encoder.filled else {
            throw sink.fail("JSONWriter: a single value container was written twice", codingPath)
        }
        guard sink.frames.count == encoder.depth else {
            throw sink.fail("JSONWriter: an encoder was used after its parent moved on", codingPath)
        }
        encoder.filled = true
    }

    mutating func encodeNil() throws { try begin(); sink.writeNull() }
    mutating func encode(_ value: Bool) throws { try begin(); sink.writeBool(value) }
    mutating func encode(_ value: String) throws { try begin(); sink.writeString(value) }
    mutating func encode(_ value: Double) throws {
        try begin(); try sink.writeDouble(value, parent: encoder.parent, key: encoder.key)
    }
    mutating func encode(_ value: Float) throws {
        try begin(); try sink.writeFloat(value, parent: encoder.parent, key: encoder.key)
    }
    mutating func encode(_ value: Int) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try begin(); sink.writeInt(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try begin(); sink.writeInt(value) }
    mutating func encode(_ value: UInt) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try begin(); sink.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try begin(); sink.writeUInt(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        try sink.writeValue(value, parent: encoder.parent, key: encoder.key)
    }
}

/// A growable byte buffer without copy-on-write checks (the encoder's output).
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// Releases the memory; the buffer must not be used afterwards.
    func free() { base.deallocate() }

    @inline(__always) mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    @inline(__always) mutating func append(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(utf8Of string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends the bytes to `array`.
    func copy(to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }
}
