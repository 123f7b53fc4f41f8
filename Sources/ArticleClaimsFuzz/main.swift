// Two ways to run the checks of `Invariants`:
//
// * Built by scripts/fuzz.sh (`-sanitize=fuzzer,address`, `-Xlinker --export-dynamic`), the
//   binary holds libFuzzer; `LLVMFuzzerRunDriver` is then found at run time and takes over with
//   libFuzzer's usual flags and corpus directories.
// * Built normally (`swift build`), it checks the files and directories given as arguments:
//
//       swift run ArticleClaimsFuzz Fixtures/hostile Fixtures/seeds
//
//   printing one line per broken invariant and exiting 1 when any input failed.
import Foundation

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
typealias FuzzDriver = @convention(c) (
    UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>, FuzzCallback
) -> CInt

if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") {
    let driver = unsafeBitCast(symbol, to: FuzzDriver.self)
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(driver(&argc, &argv, { data, size in articleClaimsFuzzOne(data, size) }))
}

func inputFiles(_ path: String) -> [String] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return [path] }
    guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
    var out: [String] = []
    while let rel = walker.nextObject() as? String {
        let full = (path as NSString).appendingPathComponent(rel)
        var sub: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { out.append(full) }
    }
    return out.sorted()
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
    print("usage: ArticleClaimsFuzz FILE|DIRECTORY...  (checks the pipeline's invariants on each input)")
    exit(arguments.isEmpty ? 2 : 0)
}
var checked = 0, failed = 0
for path in arguments.flatMap(inputFiles) {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("\(path): cannot read")
        failed += 1
        continue
    }
    checked += 1
    let problems = Invariants.violations(Array(data))
    if !problems.isEmpty {
        failed += 1
        for p in problems { print("\(path): \(p)") }
    }
}
print("\(checked) input(s) checked, \(failed) failed")
exit(failed == 0 ? 0 : 1)
