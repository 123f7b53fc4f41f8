/// The word classes the value recognizers care about. Every other word is `.other`.
///
/// A token carries one kind and a small integer (`val`) whose meaning depends on the kind:
/// the digit of a unit word, the month number, the power of ten of a scale word, …
enum WordKind: UInt8 {
    case other = 0
    // Number words.
    case unit            // zero … nine (val 0…9); nought, naught
    case teen            // ten … nineteen (val 10…19)
    case tens            // twenty … ninety (val 20…90)
    case hundred         // hundred
    case bigScale        // thousand, million, billion, trillion (val = power of ten)
    case pluralScale     // hundreds, thousands, millions, … (val = power of ten)
    case dozen           // dozen (val 0), dozens (val 1)
    case ordinal         // first … thirty-first parts, twentieth … (val = number)
    case suffix          // k, m, bn, mln, … (val = power of ten)
    case article         // a, an
    case half            // half
    case quarter         // quarter (also the date unit), quarters
    case point           // point
    case minus           // minus, negative
    case oh              // oh (spoken years: nineteen oh one)
    // Qualifiers.
    case more, than, greater, higher, larger, bigger, over, above, exceed, surpass, cross
    case less, fewer, under, below, smaller, lower
    case up, to, at, least, most, no, not, equal, or, and
    case approx          // about, around, approximately, roughly, nearly, almost, some, circa, approx
    case close, estimated, upwards, excess, minimum, maximum, many, much, plus
    // Date words.
    case month           // unambiguous month names (val 1…12)
    case monthWeak       // may, march, august and abbreviations (val 1…12)
    case season          // spring 1, summer 2, fall/autumn 3, winter 4
    case weekday         // monday … sunday and abbreviations
    case relDay          // yesterday -1, today 0, tomorrow/tmrw +1
    case relWord         // this/current 0, next/coming/upcoming/following +1, last/previous/past -1
    case yearWord        // year
    case yearsWord       // years
    case monthWord       // month
    case monthsWord      // months
    case daysWord        // day, days
    case weekWord        // week, weeks, weekend
    case decadeWord      // decade
    case centuryWord     // century
    case calendar        // calendar
    case ago             // ago
    case early           // early (mod START)
    case mid             // mid, middle (mod MID)
    case late            // late (mod END)
    case earlier, later
    case end, beginning, start, starting
    case the, of, `in`, on, by, since, after, before, until, from, during, through, onwards, between
    case eoy             // EOY
    case decadeName      // twenties … nineties (val 2…9), tens (1), noughties (0)
    case letterQ, letterH, letterS, ordSuffix
    case funcWord        // other function words that may follow a year ("but", "when", "is", …)
    case determiner      // his, her, its, their, our, your, my, this/that handled elsewhere
    case pronounDet      // which, each, every, any, another (for the pronoun "one")
    case percentWord     // percent
    case `as`
}

extension WordKind {
    /// The kind stored in a lexicon slot. The table is built from `WordKind` values only, so the
    /// raw value is always valid.
    @inline(__always)
    static func fromTable(_ meta: UInt32) -> WordKind {
        unsafeBitCast(UInt8(truncatingIfNeeded: meta >> 16), to: WordKind.self)
    }
}

/// A fixed open-addressing hash table from lower-cased ASCII words (≤ 16 bytes) to entries.
///
/// Built once; lookups hash two 64-bit words and compare them, with no allocation.
struct ValueLexicon: Sendable {
    static let bits = 11
    static let size = 1 << bits
    /// Three words per slot, side by side so that a probe reads one cache line: the packed key
    /// (first 8 bytes), the packed key (next 8 bytes), and the entry
    /// `triggers << 29 | length << 24 | kind << 16 | (val & 0xffff)`, 0 for an empty slot.
    /// `triggers` holds the word's `VToken.numberTrigger` and `.dateTrigger` flags shifted right
    /// by 4.
    var slots: [UInt64]

    static let shared = ValueLexicon()

    /// The home slot of the packed key `a`, `b` (the length needs no mixing in: the key bytes
    /// past the word are 0).
    @inline(__always)
    static func hash(_ a: UInt64, _ b: UInt64) -> Int {
        let h = (a ^ (b &* 0x9E37_79B9)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> UInt64(64 - bits))
    }

    /// The `VToken` trigger flags of a slot's entry.
    @inline(__always)
    static func triggerFlags(_ meta: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: meta >> 25) & 0x30 }

    static func pack(_ word: String) -> (UInt64, UInt64, Int) {
        var a: UInt64 = 0, b: UInt64 = 0
        let bytes = Array(word.utf8)
        for (i, c) in bytes.enumerated() where i < 16 {
            if i < 8 { a |= UInt64(c) << UInt64(8 * i) } else { b |= UInt64(c) << UInt64(8 * (i - 8)) }
        }
        return (a, b, bytes.count)
    }

    init() {
        slots = Array(repeating: 0, count: 3 * Self.size)
        for (word, kind, val) in Self.words {
            let (a, b, len) = Self.pack(word)
            var slot = Self.hash(a, b)
            while slots[3 * slot + 2] != 0 {
                if slots[3 * slot] == a && slots[3 * slot + 1] == b { break }
                slot = (slot + 1) & (Self.size - 1)
            }
            slots[3 * slot] = a
            slots[3 * slot + 1] = b
            let triggers = UInt32(VToken.triggerFlags[Int(kind.rawValue)] >> 4)
            let entry = triggers << 29 | UInt32(len) << 24 | UInt32(kind.rawValue) << 16
                | UInt32(UInt16(bitPattern: val))
            slots[3 * slot + 2] = UInt64(entry)
        }
    }

    /// The word list. Lower case ASCII only.
    static let words: [(String, WordKind, Int16)] = {
        var w: [(String, WordKind, Int16)] = []
        let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        for (i, s) in units.enumerated() { w.append((s, .unit, Int16(i))) }
        w.append(("nought", .unit, 0)); w.append(("naught", .unit, 0))
        let teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                     "seventeen", "eighteen", "nineteen"]
        for (i, s) in teens.enumerated() { w.append((s, .teen, Int16(10 + i))) }
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        for (i, s) in tens.enumerated() { w.append((s, .tens, Int16(20 + 10 * i))) }
        w.append(("fourty", .tens, 40))
        w.append(("hundred", .hundred, 2))
        w += [("thousand", .bigScale, 3), ("million", .bigScale, 6), ("billion", .bigScale, 9),
              ("trillion", .bigScale, 12)]
        w += [("hundreds", .pluralScale, 2), ("thousands", .pluralScale, 3), ("millions", .pluralScale, 6),
              ("billions", .pluralScale, 9), ("trillions", .pluralScale, 12)]
        w += [("dozen", .dozen, 0), ("dozens", .dozen, 1)]
        let ords = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                    "seventeenth", "eighteenth", "nineteenth"]
        for (i, s) in ords.enumerated() { w.append((s, .ordinal, Int16(i + 1))) }
        let tensOrd = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
                       "eightieth", "ninetieth"]
        for (i, s) in tensOrd.enumerated() { w.append((s, .ordinal, Int16(20 + 10 * i))) }
        w += [("hundredth", .ordinal, 100), ("thousandth", .ordinal, 1000)]
        w += [("k", .suffix, 3), ("m", .suffix, 6), ("mm", .suffix, 6), ("mn", .suffix, 6), ("mln", .suffix, 6),
              ("mil", .suffix, 6), ("b", .suffix, 9), ("bn", .suffix, 9), ("bln", .suffix, 9), ("bil", .suffix, 9),
              ("t", .suffix, 12), ("tn", .suffix, 12), ("tln", .suffix, 12), ("trn", .suffix, 12)]
        w += [("a", .article, 1), ("an", .article, 1), ("half", .half, 0), ("quarter", .quarter, 0),
              ("quarters", .quarter, 1), ("point", .point, 0), ("minus", .minus, 0), ("negative", .minus, 0),
              ("oh", .oh, 0)]
        w += [("more", .more, 0), ("than", .than, 0), ("greater", .greater, 0), ("higher", .higher, 0),
              ("larger", .larger, 0), ("bigger", .bigger, 0), ("over", .over, 0), ("above", .above, 0)]
        for s in ["exceed", "exceeds", "exceeded", "exceeding"] { w.append((s, .exceed, 0)) }
        for s in ["surpass", "surpasses", "surpassed", "surpassing", "topped"] { w.append((s, .surpass, 0)) }
        for s in ["crossed", "crosses", "crossing"] { w.append((s, .cross, 0)) }
        w += [("less", .less, 0), ("fewer", .fewer, 0), ("under", .under, 0), ("below", .below, 0),
              ("smaller", .smaller, 0), ("lower", .lower, 0), ("up", .up, 0), ("to", .to, 0), ("at", .at, 0),
              ("least", .least, 0), ("most", .most, 0), ("no", .no, 0), ("not", .not, 0), ("equal", .equal, 0),
              ("equals", .equal, 0), ("or", .or, 0), ("and", .and, 0)]
        for s in ["about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa", "approx"] {
            w.append((s, .approx, 0))
        }
        w += [("close", .close, 0), ("estimated", .estimated, 0), ("upwards", .upwards, 0),
              ("excess", .excess, 0), ("minimum", .minimum, 0), ("maximum", .maximum, 0), ("many", .many, 0),
              ("much", .much, 0), ("plus", .plus, 0), ("as", .as, 0), ("percent", .percentWord, 0)]
        let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                      "october", "november", "december"]
        for (i, s) in months.enumerated() {
            let weak = s == "may" || s == "march" || s == "august"
            w.append((s, weak ? .monthWeak : .month, Int16(i + 1)))
        }
        let abbrevs = [("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
                       ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12)]
        for (s, m) in abbrevs { w.append((s, .monthWeak, Int16(m))) }
        w += [("spring", .season, 1), ("summer", .season, 2), ("fall", .season, 3), ("autumn", .season, 3),
              ("winter", .season, 4)]
        for (i, s) in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].enumerated() {
            w.append((s, .weekday, Int16(i + 1)))
        }
        for (s, d) in [("mon", 1), ("tue", 2), ("tues", 2), ("wed", 3), ("thu", 4), ("thur", 4), ("thurs", 4),
                       ("fri", 5), ("sat", 6), ("sun", 7)] {
            w.append((s, .weekday, Int16(d)))
        }
        w += [("yesterday", .relDay, -1), ("today", .relDay, 0), ("tomorrow", .relDay, 1), ("tmrw", .relDay, 1),
              ("tmr", .relDay, 1)]
        w += [("this", .relWord, 0), ("current", .relWord, 0), ("next", .relWord, 1), ("coming", .relWord, 1),
              ("upcoming", .relWord, 1), ("following", .relWord, 1), ("last", .relWord, -1),
              ("previous", .relWord, -1), ("past", .relWord, -1)]
        w += [("year", .yearWord, 0), ("years", .yearsWord, 0), ("month", .monthWord, 0),
              ("months", .monthsWord, 0), ("day", .daysWord, 0), ("days", .daysWord, 1), ("week", .weekWord, 0),
              ("weeks", .weekWord, 1), ("weekend", .weekWord, 2), ("decade", .decadeWord, 0),
              ("century", .centuryWord, 0), ("calendar", .calendar, 0), ("ago", .ago, 0)]
        w += [("early", .early, 0), ("mid", .mid, 0), ("middle", .mid, 1), ("late", .late, 0),
              ("earlier", .earlier, 0), ("later", .later, 0), ("end", .end, 0), ("beginning", .beginning, 0),
              ("start", .start, 0), ("starting", .starting, 0)]
        w += [("the", .the, 0), ("of", .of, 0), ("in", .in, 0), ("on", .on, 0), ("by", .by, 0),
              ("since", .since, 0), ("after", .after, 0), ("before", .before, 0), ("until", .until, 0),
              ("till", .until, 0), ("til", .until, 0), ("from", .from, 0), ("during", .during, 0),
              ("through", .through, 0), ("throughout", .through, 1), ("onwards", .onwards, 0),
              ("onward", .onwards, 0), ("eoy", .eoy, 0), ("between", .between, 0)]
        for (i, s) in ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                       "nineties"].enumerated() {
            w.append((s, .decadeName, Int16(i + 2)))
        }
        w += [("tens", .decadeName, 1), ("noughties", .decadeName, 0), ("aughts", .decadeName, 0)]
        w += [("q", .letterQ, 0), ("h", .letterH, 0), ("s", .letterS, 0), ("st", .ordSuffix, 1),
              ("nd", .ordSuffix, 2), ("rd", .ordSuffix, 3), ("th", .ordSuffix, 4)]
        for s in ["but", "when", "where", "while", "who", "is", "was", "were", "are", "be",
                  "been", "will", "would", "with", "for", "into", "onto", "it", "he", "she", "they",
                  "we", "i", "you", "then", "so", "if", "because", "although", "though", "via", "per", "vs",
                  "versus", "has", "had", "have", "did", "does", "do", "can", "could", "should", "also", "said",
                  "says", "saw", "see", "sees", "there", "here", "alone", "only", "respectively", "against",
                  "ahead", "again", "too", "yet", "now", "already", "still", "just", "all", "both", "either",
                  "neither", "nor"] {
            w.append((s, .funcWord, 0))
        }
        for s in ["his", "her", "its", "their", "our", "your", "my"] { w.append((s, .determiner, 0)) }
        for s in ["which", "that", "each", "every", "any", "another", "whichever"] { w.append((s, .pronounDet, 0)) }
        return w
    }()
}
