import Foundation

/// The libFuzzer entry point. In a build with `-sanitize=fuzzer` main.swift hands it to libFuzzer;
/// in a normal build it is an ordinary function that `main.swift` does not call.
@_cdecl("LLVMFuzzerTestOneInput")
public func articleClaimsFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes: [UInt8] = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = Invariants.violations(bytes)
    if !problems.isEmpty {
        // Standard error, unbuffered: the message must survive the abort.
        for p in problems { FileHandle.standardError.write(Data("invariant broken: \(p)\n".utf8)) }
        abort()
    }
    return 0
}
