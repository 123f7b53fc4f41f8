/// Which rule families a sentence can possibly fire, from one look-up per token.
///
/// Every family names the words without which none of its patterns can match; a sentence that
/// holds none of them skips the family. This keeps the cost of the rules proportional to the
/// sentences that matter instead of to every token times every family.
struct Triggers: OptionSet {
    let rawValue: UInt8
    static let cast = Triggers(rawValue: 1)
    static let crew = Triggers(rawValue: 2)
    static let company = Triggers(rawValue: 4)
    static let basedOn = Triggers(rawValue: 8)
    static let renewal = Triggers(rawValue: 16)
    static let season = Triggers(rawValue: 32)

    static let cast0 = WordSet(PeopleRules.playVerbs.keys + PeopleRules.byVerbsCast.keys + PeopleRules.listIntro.keys
        + [PeopleRules.asW, PeopleRules.voiceW, Tokenizer.hash("("), Tokenizer.hash("co-starring"), Tokenizer.hash("co-star")])
    static let crew0 = WordSet(Array(PeopleRules.roleVerbs.keys) + Array(PeopleRules.roleNounMap.keys)
        + ["partner", "wrote", "co-wrote", "penned", "scripted", "directorial"].map(Tokenizer.hash))
    static let company0 = WordSet(CompanyRules.tableKeys.keys + Lex.companySuffix.keys + ["studio", "studios"].map(Tokenizer.hash))
    static let basedOn0 = WordSet(["based", "adapted", "inspired", "adaptation", "adapts", "adapting"].map(Tokenizer.hash))
    static let renewal0 = WordSet(RenewalRules.topic.keys + RenewalRules.announceWords.keys
        + ["season", "installment", "instalment", "part", "chapter", "back", "episodes", "talks", "negotiations", "sequel"].map(Tokenizer.hash))
    static let season0 = WordSet(["season", "part", "chapter", "volume", "series", "installment", "instalment", "sequel"].map(Tokenizer.hash)
        + Subjects.ordinalKeys.keys)

    /// Every trigger word with the families it opens.
    static let all: WordFlags = {
        var pairs: [(UInt64, UInt8)] = []
        for (set, family) in [(cast0, Triggers.cast), (crew0, .crew), (company0, .company), (basedOn0, .basedOn),
                              (renewal0, .renewal), (season0, .season)] {
            pairs += set.keys.map { ($0, family.rawValue) }
        }
        return WordFlags(pairs)
    }()

    /// The families sentence `s` can fire.
    static func of(_ d: Doc, _ s: Sentence, _ table: WordFlags) -> Triggers {
        var bits: UInt8 = 0
        let all: UInt8 = 0x3F
        d.tokens.withUnsafeBufferPointer { toks in
            d.text.withUnsafeBufferPointer { text in
                table.withLookup { flags in
                    for i in s.tokens {
                        let tok = toks[i]
                        bits |= flags(tok.hash)
                        if tok.isPossessive && tok.isCapitalized { bits |= Triggers.company.rawValue }
                        if tok.kind == .word && tok.end - tok.start == 2 && text[Int(tok.start)] == 0x53 { bits |= Triggers.season.rawValue }
                        if bits == all { break }
                    }
                }
            }
        }
        return Triggers(rawValue: bits)
    }
}
