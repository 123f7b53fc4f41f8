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

    /// The families sentence `s` can fire.
    static func of(_ d: Doc, _ s: Sentence) -> Triggers {
        var t: Triggers = []
        let (c0, r0, k0, b0, n0, s0) = (cast0, crew0, company0, basedOn0, renewal0, season0)
        for i in s.tokens {
            let h = d.tokens[i].hash
            if c0.contains(h) { t.insert(.cast) }
            if r0.contains(h) { t.insert(.crew) }
            if k0.contains(h) || (d.tokens[i].isCapitalized && d.isPossessive(i)) { t.insert(.company) }
            if b0.contains(h) { t.insert(.basedOn) }
            if n0.contains(h) { t.insert(.renewal) }
            if s0.contains(h) || (d.tokens[i].kind == .word && d.tokens[i].end - d.tokens[i].start == 2 && d.text[Int(d.tokens[i].start)] == 0x53) { t.insert(.season) }
        }
        return t
    }
}
