#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether this test process is instrumented by AddressSanitizer or ThreadSanitizer
/// (`scripts/sanitizers.sh`, or `swift test --sanitize=…`): the sanitizer's runtime entry
/// point is then present in the process. Time limits of the linear-time checks are widened
/// under a sanitizer, which makes code several times slower; what they check stays the same.
enum Sanitizer {
    static let isActive = present("__asan_init") || present("__tsan_init")

    private static func present(_ symbol: String) -> Bool {
        guard let handle = dlopen(nil, RTLD_NOW) else { return false }
        defer { dlclose(handle) }
        return dlsym(handle, symbol) != nil
    }
}
