/// Decodes HTML character references (`&amp;`, `&#8217;`, `&#x2014;`, `&nbsp;`) in text dumps.
///
/// The named references are those of HTML 4 plus the HTML5 names seen in scraped text. Numeric
/// references follow the HTML rules: `0`, surrogates and values past U+10FFFF become U+FFFD, and
/// 128–159 are read as Windows-1252.
enum TextEntities {
    /// The named references, by name (case-sensitive), as Unicode scalar values.
    static let named: [String: UInt32] = [
        "AElig": 0xC6, "AMP": 0x26, "Aacute": 0xC1, "Acirc": 0xC2, "Agrave": 0xC0, "Alpha": 0x391, "Aring": 0xC5,
        "Atilde": 0xC3, "Auml": 0xC4, "Beta": 0x392, "COPY": 0xA9, "Ccedil": 0xC7, "Chi": 0x3A7,
        "CloseCurlyDoubleQuote": 0x201D, "CloseCurlyQuote": 0x2019, "Dagger": 0x2021, "Delta": 0x394, "ETH": 0xD0,
        "Eacute": 0xC9, "Ecirc": 0xCA, "Egrave": 0xC8, "Epsilon": 0x395, "Eta": 0x397, "Euml": 0xCB, "GT": 0x3E,
        "Gamma": 0x393, "Hat": 0x5E, "Iacute": 0xCD, "Icirc": 0xCE, "Igrave": 0xCC, "Iota": 0x399, "Iuml": 0xCF,
        "Kappa": 0x39A, "LT": 0x3C, "Lambda": 0x39B, "MediumSpace": 0x205F, "Mu": 0x39C, "NewLine": 0xA,
        "NoBreak": 0x2060, "Ntilde": 0xD1, "Nu": 0x39D, "OElig": 0x152, "Oacute": 0xD3, "Ocirc": 0xD4, "Ograve": 0xD2,
        "Omega": 0x3A9, "Omicron": 0x39F, "OpenCurlyDoubleQuote": 0x201C, "OpenCurlyQuote": 0x2018, "Oslash": 0xD8,
        "Otilde": 0xD5, "Ouml": 0xD6, "Phi": 0x3A6, "Pi": 0x3A0, "Prime": 0x2033, "Psi": 0x3A8, "QUOT": 0x22,
        "REG": 0xAE, "Rho": 0x3A1, "Scaron": 0x160, "Sigma": 0x3A3, "THORN": 0xDE, "TRADE": 0x2122, "Tab": 0x9,
        "Tau": 0x3A4, "Theta": 0x398, "Uacute": 0xDA, "Ucirc": 0xDB, "Ugrave": 0xD9, "UnderBar": 0x5F,
        "Upsilon": 0x3A5, "Uuml": 0xDC, "VerticalLine": 0x7C, "Xi": 0x39E, "Yacute": 0xDD, "Yuml": 0x178,
        "ZeroWidthSpace": 0x200B, "Zeta": 0x396, "aacute": 0xE1, "acirc": 0xE2, "acute": 0xB4, "aelig": 0xE6,
        "agrave": 0xE0, "alefsym": 0x2135, "alpha": 0x3B1, "amp": 0x26, "and": 0x2227, "ang": 0x2220, "apos": 0x27,
        "aring": 0xE5, "ast": 0x2A, "asymp": 0x2248, "atilde": 0xE3, "auml": 0xE4, "bdquo": 0x201E, "beta": 0x3B2,
        "brvbar": 0xA6, "bsol": 0x5C, "bull": 0x2022, "cap": 0x2229, "ccedil": 0xE7, "cedil": 0xB8, "cent": 0xA2,
        "check": 0x2713, "chi": 0x3C7, "circ": 0x2C6, "clubs": 0x2663, "colon": 0x3A, "comma": 0x2C, "commat": 0x40,
        "cong": 0x2245, "copy": 0xA9, "crarr": 0x21B5, "cross": 0x2717, "cup": 0x222A, "curren": 0xA4, "dArr": 0x21D3,
        "dagger": 0x2020, "darr": 0x2193, "dash": 0x2010, "deg": 0xB0, "delta": 0x3B4, "diams": 0x2666,
        "divide": 0xF7, "dollar": 0x24, "eacute": 0xE9, "ecirc": 0xEA, "egrave": 0xE8, "empty": 0x2205,
        "emsp": 0x2003, "ensp": 0x2002, "epsilon": 0x3B5, "equals": 0x3D, "equiv": 0x2261, "eta": 0x3B7, "eth": 0xF0,
        "euml": 0xEB, "euro": 0x20AC, "excl": 0x21, "exist": 0x2203, "female": 0x2640, "flat": 0x266D, "fnof": 0x192,
        "forall": 0x2200, "frac12": 0xBD, "frac13": 0x2153, "frac14": 0xBC, "frac18": 0x215B, "frac23": 0x2154,
        "frac34": 0xBE, "frasl": 0x2044, "gamma": 0x3B3, "ge": 0x2265, "grave": 0x60, "gt": 0x3E, "hArr": 0x21D4,
        "hairsp": 0x200A, "half": 0xBD, "harr": 0x2194, "hearts": 0x2665, "hellip": 0x2026, "horbar": 0x2015,
        "hyphen": 0x2010, "iacute": 0xED, "icirc": 0xEE, "iexcl": 0xA1, "igrave": 0xEC, "image": 0x2111,
        "infin": 0x221E, "int": 0x222B, "iota": 0x3B9, "iquest": 0xBF, "isin": 0x2208, "iuml": 0xEF, "kappa": 0x3BA,
        "lArr": 0x21D0, "lambda": 0x3BB, "lang": 0x2329, "laquo": 0xAB, "larr": 0x2190, "lbrace": 0x7B,
        "lbrack": 0x5B, "lceil": 0x2308, "lcub": 0x7B, "ldquo": 0x201C, "ldquor": 0x201E, "le": 0x2264,
        "lfloor": 0x230A, "lowast": 0x2217, "lowbar": 0x5F, "loz": 0x25CA, "lpar": 0x28, "lrm": 0x200E,
        "lsaquo": 0x2039, "lsqb": 0x5B, "lsquo": 0x2018, "lsquor": 0x201A, "lt": 0x3C, "macr": 0xAF, "male": 0x2642,
        "mdash": 0x2014, "micro": 0xB5, "middot": 0xB7, "minus": 0x2212, "mldr": 0x2026, "mu": 0x3BC, "nabla": 0x2207,
        "natural": 0x266E, "nbsp": 0xA0, "ndash": 0x2013, "ne": 0x2260, "ni": 0x220B, "nldr": 0x2025, "not": 0xAC,
        "notin": 0x2209, "nsub": 0x2284, "ntilde": 0xF1, "nu": 0x3BD, "num": 0x23, "numero": 0x2116, "numsp": 0x2007,
        "oacute": 0xF3, "ocirc": 0xF4, "oelig": 0x153, "ograve": 0xF2, "oline": 0x203E, "omega": 0x3C9,
        "omicron": 0x3BF, "oplus": 0x2295, "or": 0x2228, "ordf": 0xAA, "ordm": 0xBA, "oslash": 0xF8, "otilde": 0xF5,
        "otimes": 0x2297, "ouml": 0xF6, "para": 0xB6, "part": 0x2202, "percnt": 0x25, "period": 0x2E,
        "permil": 0x2030, "perp": 0x22A5, "phi": 0x3C6, "phone": 0x260E, "pi": 0x3C0, "piv": 0x3D6, "plus": 0x2B,
        "plusmn": 0xB1, "pound": 0xA3, "prime": 0x2032, "prod": 0x220F, "prop": 0x221D, "psi": 0x3C8,
        "puncsp": 0x2008, "quest": 0x3F, "quot": 0x22, "rArr": 0x21D2, "radic": 0x221A, "rang": 0x232A, "raquo": 0xBB,
        "rarr": 0x2192, "rbrace": 0x7D, "rbrack": 0x5D, "rceil": 0x2309, "rcub": 0x7D, "rdquo": 0x201D,
        "rdquor": 0x201D, "real": 0x211C, "reg": 0xAE, "rfloor": 0x230B, "rho": 0x3C1, "rlm": 0x200F, "rpar": 0x29,
        "rsaquo": 0x203A, "rsqb": 0x5D, "rsquo": 0x2019, "rsquor": 0x2019, "sbquo": 0x201A, "scaron": 0x161,
        "sdot": 0x22C5, "sect": 0xA7, "semi": 0x3B, "sext": 0x2736, "sharp": 0x266F, "shy": 0xAD, "sigma": 0x3C3,
        "sigmaf": 0x3C2, "sim": 0x223C, "sol": 0x2F, "spades": 0x2660, "star": 0x2606, "starf": 0x2605, "sub": 0x2282,
        "sube": 0x2286, "sum": 0x2211, "sup": 0x2283, "sup1": 0xB9, "sup2": 0xB2, "sup3": 0xB3, "supe": 0x2287,
        "szlig": 0xDF, "tau": 0x3C4, "there4": 0x2234, "theta": 0x3B8, "thetasym": 0x3D1, "thinsp": 0x2009,
        "thorn": 0xFE, "tilde": 0x2DC, "times": 0xD7, "trade": 0x2122, "uArr": 0x21D1, "uacute": 0xFA, "uarr": 0x2191,
        "ucirc": 0xFB, "ugrave": 0xF9, "uml": 0xA8, "upsih": 0x3D2, "upsilon": 0x3C5, "uuml": 0xFC, "verbar": 0x7C,
        "vert": 0x7C, "weierp": 0x2118, "xi": 0x3BE, "yacute": 0xFD, "yen": 0xA5, "yuml": 0xFF, "zeta": 0x3B6,
        "zwj": 0x200D, "zwnj": 0x200C,
    ]

    /// Names that may appear without the closing `;` (legacy HTML), when not followed by a letter, digit or `=`.
    static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT"]

    /// The scalar and the length in bytes of the character reference starting at `u[i]` (which is `&`), if any.
    static func decode(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int)? {
        let n = u.count
        guard i + 1 < n else { return nil }
        var j = i + 1
        if u[j] == 0x23 {  // '#'
            j += 1
            var hex = false
            if j < n, u[j] | 0x20 == 0x78 { hex = true; j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            var overflow = false
            while j < n, j - digitsStart < 12 {
                let c = u[j]
                let d: UInt32
                if c >= 0x30 && c <= 0x39 {
                    d = UInt32(c - 0x30)
                } else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 {
                    d = UInt32((c | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                if value > 0x10FFFF { overflow = true } else { value = value * (hex ? 16 : 10) + d }
                j += 1
            }
            guard j > digitsStart else { return nil }
            var length = j - i
            if j < n, u[j] == 0x3B { length += 1 }
            if overflow || value > 0x10FFFF || value == 0 || (value >= 0xD800 && value <= 0xDFFF) {
                return (0xFFFD, length)
            }
            if value >= 0x80 && value <= 0x9F {
                let mapped = InputDecoder.cp1252High[Int(value) - 0x80]
                return (mapped, length)
            }
            return (value, length)
        }
        let nameStart = j
        while j < n, j - nameStart < 32 {
            let c = u[j]
            let alnum = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
            if !alnum { break }
            j += 1
        }
        guard j > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: u[nameStart..<j]), as: UTF8.self)
        if j < n, u[j] == 0x3B {
            guard let scalar = named[name] else { return nil }
            return (scalar, j + 1 - i)
        }
        guard legacyWithoutSemicolon.contains(name), let scalar = named[name] else { return nil }
        if j < n, u[j] == 0x3D { return nil }
        return (scalar, j - i)
    }
}

/// Decodes HTML character references in a string, with the same rules the text-dump cleaner uses.
public enum CharacterReferences {
    /// `s` with every character reference (`&amp;`, `&#8217;`, `&#x2014;`, `&nbsp;`) replaced by its character.
    public static func decode(_ s: String) -> String {
        guard s.utf8.contains(0x26) else { return s }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { u in
            var i = 0
            while i < u.count {
                if u[i] == 0x26, let (scalar, length) = TextEntities.decode(u, at: i) {
                    InputDecoder.appendUTF8(scalar, to: &out)
                    i += length
                } else {
                    out.append(u[i])
                    i += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
