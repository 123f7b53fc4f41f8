import Foundation
@testable import ArticleCleaning

/// Paths and helpers shared by the HTML cleaner tests.
enum HTMLTestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Fixtures/html")

    /// The scrapinghub benchmark next to the package (`../shared/benchmarks/scrapinghub`).
    static let scrapinghub = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/benchmarks/scrapinghub")

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func clean(_ name: String) throws -> CleanedArticle {
        ArticleCleaner.clean(try fixture(name), options: .init(format: .html))
    }

    static func htmlFixtureNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".html") }.sorted()
    }

    /// Decodes HTML character references in `s` (numeric ones and the common named ones).
    /// Returns `nil` when a named reference is not in the table.
    static func decodeEntities(_ s: String) -> String? {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            guard c == "&" else { out.append(c); i = s.index(after: i); continue }
            guard let semi = s[i...].firstIndex(of: ";"), s.distance(from: i, to: semi) <= 12 else {
                out.append(c); i = s.index(after: i); continue
            }
            let name = String(s[s.index(after: i)..<semi])
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                guard let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) else { return nil }
                out.unicodeScalars.append(u)
            } else if name.hasPrefix("#") {
                guard let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) else { return nil }
                out.unicodeScalars.append(u)
            } else if let v = named[name] {
                out.append(v)
            } else {
                return nil
            }
            i = s.index(after: semi)
        }
        return out
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "eacute": "é",
        "egrave": "è", "aacute": "á", "agrave": "à", "oacute": "ó", "uacute": "ú", "iacute": "í", "ntilde": "ñ",
        "ccedil": "ç", "ouml": "ö", "uuml": "ü", "auml": "ä", "szlig": "ß", "copy": "©", "reg": "®",
        "trade": "™", "middot": "·", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’",
        "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "bull": "•", "deg": "°", "euro": "€",
        "pound": "£", "times": "×", "frac12": "½", "ecirc": "ê", "acirc": "â", "ocirc": "ô", "atilde": "ã",
        "otilde": "õ", "iuml": "ï", "euml": "ë", "Eacute": "É", "Aacute": "Á", "sbquo": "‚", "bdquo": "„",
        "prime": "′", "Prime": "″", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "shy": "\u{AD}", "iexcl": "¡", "iquest": "¿", "sect": "§",
        "para": "¶", "cent": "¢", "yen": "¥", "dagger": "†", "Dagger": "‡", "permil": "‰", "oslash": "ø",
        "aring": "å", "aelig": "æ", "Oslash": "Ø", "Aring": "Å", "AElig": "Æ", "Uuml": "Ü", "Ouml": "Ö",
        "Auml": "Ä", "rarr": "→", "larr": "←", "hearts": "♥", "frac14": "¼", "frac34": "¾", "plusmn": "±",
        "acute": "´", "ordm": "º", "ordf": "ª", "uml": "¨", "cedil": "¸", "macr": "¯", "curren": "¤",
        "brvbar": "¦", "not": "¬", "sup1": "¹", "sup2": "²", "sup3": "³", "micro": "µ", "divide": "÷",
    ]

    /// Whitespace-normalised form used to compare replaced runs: NBSP and other Unicode spaces
    /// count as spaces, zero-width characters vanish, runs collapse, ends are trimmed.
    static func normalised(_ s: String) -> String {
        var out = ""
        var space = false
        for u in s.unicodeScalars {
            if u == "\u{200B}" || u == "\u{FEFF}" { continue }
            if u.properties.isWhitespace {
                space = true
                continue
            }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.unicodeScalars.append(u)
        }
        return out
    }
}
