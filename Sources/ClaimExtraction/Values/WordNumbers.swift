/// Number-word readers shared by the number and date grammars.
extension TokenText {
    /// Whether token `k` exists and no newline separates it from the token before.
    @inline(__always)
    func onLine(_ k: Int) -> Bool { k >= 0 && k < toks.count && !toks[k].hasNewlineBefore }

    /// A unit, teen or tens word with an optional unit ("sixty-three", "fifty - two",
    /// "fifty   two"): (value, end). Nil for ordinal compounds ("twenty-first").
    func wordSmall(_ j: Int) -> (Int, Int)? {
        guard isWord(j) else { return nil }
        let tok = toks[j]
        switch tok.kind {
        case .unit, .teen: return (Int(tok.val), j + 1)
        case .tens:
            var k = j + 1
            if isPunct(k, UInt8(ascii: "-")) && onLine(k) {
                // Glued on both sides or spaced on both sides.
                guard glued(k) == glued(k + 1) else { return (Int(tok.val), j + 1) }
                k += 1
            }
            if onLine(k) && isWord(k) {
                let u = toks[k]
                if u.kind == .unit && u.val >= 1 { return (Int(tok.val) + Int(u.val), k + 1) }
                if u.kind == .ordinal && u.val >= 1 && u.val <= 9 { return nil }
            }
            return (Int(tok.val), j + 1)
        default: return nil
        }
    }

    /// An ordinal word ("first", "tenth", "twenty-first", "twenty second"): (value, end).
    func wordOrdinal(_ j: Int) -> (Int, Int)? {
        guard isWord(j) else { return nil }
        let tok = toks[j]
        if tok.kind == .ordinal { return (Int(tok.val), j + 1) }
        guard tok.kind == .tens else { return nil }
        var k = j + 1
        if isPunct(k, UInt8(ascii: "-")) && onLine(k) {
            guard glued(k) == glued(k + 1) else { return nil }
            k += 1
        }
        guard onLine(k), isKind(k, .ordinal), toks[k].val >= 1, toks[k].val <= 9 else { return nil }
        return (Int(tok.val) + Int(toks[k].val), k + 1)
    }

    /// A number below one thousand in words ("seven hundred and eighty nine", "thirty two").
    func wordBelowThousand(_ j: Int) -> (Int, Int)? {
        var value = 0
        var k = j
        if let (v, e) = wordSmall(j) {
            value = v
            k = e
        }
        if onLine(k) && isKind(k, .hundred) && (k > j ? (value >= 1 && value <= 9) : false) {
            value *= 100
            k += 1
            var k2 = k
            if onLine(k2) && isKind(k2, .and) { k2 += 1 }
            if onLine(k2), let (v, e) = wordSmall(k2), v >= 1, v <= 99 {
                value += v
                k = e
            }
        }
        return k > j ? (value, k) : nil
    }

    /// A year in words: "nineteen seventy eight", "nineteen oh one", "nineteen hundred ninety
    /// three", "two thousand and fifteen", "one thousand seven hundred and eighty nine".
    /// Returns (year, end).
    func spokenYear(_ j: Int) -> (Int, Int)? {
        guard isWord(j) else { return nil }
        let tok = toks[j]
        // Thousand form.
        if tok.kind == .unit && (tok.val == 1 || tok.val == 2) && onLine(j + 1) && isKind(j + 1, .bigScale)
            && toks[j + 1].val == 3 {
            var y = Int(tok.val) * 1000
            var k = j + 2
            var k2 = k
            if onLine(k2) && isKind(k2, .and) { k2 += 1 }
            if onLine(k2), let (v, e) = wordBelowThousand(k2), v > 0 {
                y += v
                k = e
            }
            return (y, k)
        }
        // Hundred and pair forms: the first part is 10…20.
        guard (tok.kind == .teen && tok.val >= 10) || (tok.kind == .tens && tok.val == 20) else { return nil }
        let x = Int(tok.val)
        let k = j + 1
        guard onLine(k) else { return nil }
        if isKind(k, .hundred) {
            var y = x * 100
            var end = k + 1
            var k2 = end
            if onLine(k2) && isKind(k2, .and) { k2 += 1 }
            if onLine(k2), let (v, e) = wordSmall(k2), v >= 1, v <= 99 {
                y += v
                end = e
            }
            return (y, end)
        }
        if (isKind(k, .oh) || (isKind(k, .unit) && toks[k].val == 0)) && onLine(k + 1) && isKind(k + 1, .unit)
            && toks[k + 1].val >= 1 {
            return (x * 100 + Int(toks[k + 1].val), k + 2)
        }
        if let (v, e) = wordSmall(k), v >= 10, v <= 99 {
            return (x * 100 + v, e)
        }
        return nil
    }
}
