import Testing
@testable import ClaimExtraction
import ArticleCleaning

/// Runs the cleaning and claims stages on a small text dump: a headline line, then paragraphs.
func claims(_ body: String, title: String = "The Glass Harbor Season 2: Everything We Know") -> [Claim] {
    let article = ArticleCleaner.clean(title + "\n\n" + body, options: CleaningOptions(format: .text))
    return ClaimExtractor.extract(from: article).claims
}

func casts(_ cs: [Claim]) -> [String] {
    cs.compactMap { if case let .cast(a, c) = $0.value { return a + "=" + (c ?? "-") } else { return nil } }.sorted()
}

func crews(_ cs: [Claim]) -> [String] {
    cs.compactMap { if case let .crew(p, r) = $0.value { return p + "/" + r.rawValue } else { return nil } }.sorted()
}

func companies(_ cs: [Claim]) -> [String] {
    cs.compactMap { if case let .company(n, r) = $0.value { return n + "/" + r.rawValue } else { return nil } }.sorted()
}

func renewals(_ cs: [Claim]) -> [RenewalStatus] {
    cs.compactMap { if case let .renewal(s) = $0.value { return s } else { return nil } }
}

@Suite struct CastRuleTests {
    @Test func xAsY() {
        #expect(casts(claims("The show centers around Mara Lindqvist as Elin Sand and Tomas Reyes as Captain Hale in the main lead.")) ==
                ["Mara Lindqvist=Elin Sand", "Tomas Reyes=Captain Hale"])
    }

    @Test func xPlaysY() {
        #expect(casts(claims("Mara Lindqvist plays Elin, and Tomas Reyes plays Hale.")) == ["Mara Lindqvist=Elin", "Tomas Reyes=Hale"])
    }

    @Test func xWillPlayTheRoleOfY() {
        #expect(casts(claims("Tomas Reyes, who starred in the hit comedy Office Hours, will play the role of Arthur Penn.")) == ["Tomas Reyes=Arthur Penn"])
    }

    @Test func yIsPlayedByX() {
        #expect(casts(claims("Elin is played by actor Mara Lindqvist.")) == ["Mara Lindqvist=Elin"])
        #expect(casts(claims("Kat, played by Jo Wallace, returns.")) == ["Jo Wallace=Kat"])
        #expect(casts(claims("Played by the late Michael Elmer, Harry was a fan favourite.")) == ["Michael Elmer=Harry"])
    }

    @Test func respectively() {
        #expect(casts(claims("Qin and Lia are played by Zhou Ting and Wen Lu, respectively.")) == ["Wen Lu=Lia", "Zhou Ting=Qin"])
    }

    @Test func voicedInTwoLanguages() {
        #expect(casts(claims("Shiro is voiced by Aki Mori in Japanese and Dan Brown in English.")) == ["Aki Mori=Shiro", "Dan Brown=Shiro"])
    }

    @Test func characterThenActorInBrackets() {
        #expect(casts(claims("Seo Yun (Park Ji-Hye) and Elio (the astounding Timothée Chalamet) go back.")) ==
                ["Park Ji-Hye=Seo Yun", "Timothée Chalamet=Elio"])
    }

    @Test func bracketsThatAreNotActors() {
        #expect(casts(claims("Runa plays Kai (the Night Deity and the realm’s eldest prince).")).isEmpty)
        #expect(casts(claims("The study (Rizzoli, 2014) describes it.")).isEmpty)
    }

    @Test func starringList() {
        #expect(casts(claims("It is a film starring Bela Lukas and Madge Bell.")) == ["Bela Lukas=-", "Madge Bell=-"])
    }

    @Test func voiceOf() {
        #expect(casts(claims("Stephen Frey will provide the voice of The Guide.")) == ["Stephen Frey=The Guide"])
    }

    @Test func oneWordNamesResolveToFullNames() {
        #expect(casts(claims("Actor John Malko has joined. Malko will play religious cult leader Humma Kavula.")) == ["John Malko=Humma Kavula"])
    }

    @Test func suchAsIsNotCast() {
        #expect(casts(claims("Platforms such as Netflix as Streamers are growing.")).isEmpty)
    }
}

@Suite struct CrewRuleTests {
    @Test func byVerbs() {
        #expect(crews(claims("Written by Park Ji-Eun, the series is directed by Lee Jeong-Ho.")) == ["Lee Jeong-Ho/director", "Park Ji-Eun/writer"])
    }

    @Test func roleNounBeforeName() {
        #expect(crews(claims("Writer-director Greta Garwood returns with acclaimed director Chris Nolen.")) ==
                ["Chris Nolen/director", "Greta Garwood/director", "Greta Garwood/writer"])
    }

    @Test func appositive() {
        #expect(crews(claims("Lorne Michels, the legendary sketch producer, watched.")) == ["Lorne Michels/producer"])
    }

    @Test func possessivePronounRoleIsNotACredit() {
        #expect(crews(claims("He meets his producer Aaron Rapp (Seth Rogan).")).isEmpty)
    }

    @Test func writingPartner() {
        #expect(crews(claims("Ricky Gerv and his writing partner Stephen March are refining the scripts.")) ==
                ["Ricky Gerv/writer", "Stephen March/writer"])
    }
}

@Suite struct CompanyRuleTests {
    @Test func premieredOn() {
        #expect(companies(claims("The series premiered on Netflix and later aired on BBC One.")) == ["BBC One/broadcaster", "Netflix/streamer"])
    }

    @Test func listAfterOn() {
        #expect(companies(claims("New episodes will air on ABC.com, Hulu and iTunes.")) == ["ABC.com/streamer", "Hulu/streamer", "iTunes/distributor"])
    }

    @Test func producedByStudio() {
        #expect(companies(claims("Produced by Studio Lantern, the series was a hit.")) == ["Studio Lantern/producer"])
    }

    @Test func networkGenre() {
        #expect(companies(claims("She stars in a new NBC sitcom this fall.")) == ["NBC/broadcaster"])
    }

    @Test func bareMentionIsNoClaim() {
        #expect(companies(claims("Netflix shares fell on Monday.")).isEmpty)
    }
}

@Suite struct BasedOnRuleTests {
    @Test func basedOnNovelByAuthor() {
        let cs = claims("The Glass Harbor is based on the novel Salt and Ember, Book One by Dana Quill.")
        let b = cs.compactMap { if case let .basedOn(w, a, m) = $0.value { return "\(w ?? "-")|\(a ?? "-")|\(m ?? "-")" } else { return nil } }
        #expect(b == ["Salt and Ember, Book One|Dana Quill|novel"])
    }

    @Test func adaptedFromAuthorsNovel() {
        let cs = claims("The film adapts André Acim’s 2007 novel with grace.")
        let b = cs.compactMap { if case let .basedOn(_, a, m) = $0.value { return "\(a ?? "-")|\(m ?? "-")" } else { return nil } }
        #expect(b == ["André Acim|novel"])
    }
}

@Suite struct RenewalRuleTests {
    @Test func confirmed() {
        let cs = claims("HBO has renewed the series for a third season.")
        #expect(renewals(cs) == [.confirmed])
        #expect(cs.first { $0.type == .renewal }?.attribution == "HBO")
        #expect(cs.first { $0.type == .renewal }?.subject.season == 3)
    }

    @Test func cancelled() {
        #expect(renewals(claims("The Glass Harbor was cancelled after one season.")) == [.cancelled])
    }

    @Test func notAnnounced() {
        let cs = claims("Neither Studio Lantern nor Netflix have announced anything about the show.")
        #expect(renewals(cs) == [.notAnnounced])
        #expect(cs.first { $0.type == .renewal }?.attribution == "Studio Lantern, Netflix")
    }

    @Test func rumored() {
        let cs = claims("Many online portals confirmed that the second season of The Glass Harbor will return.")
        #expect(renewals(cs) == [.rumored])
        #expect(cs.first { $0.type == .renewal }?.attribution == "online portals")
        #expect(cs.first { $0.type == .renewal }?.modality == .reported)
    }

    @Test func speculated() {
        let cs = claims("But if all goes well, I think the show will be renewed next year.")
        #expect(renewals(cs) == [.speculated])
        #expect(cs.first { $0.type == .renewal }?.modality == .hedged)
    }

    /// The month May is not the modal verb: a date claim in "premiered on May 3" is asserted.
    @Test func monthMayIsNoHedge() {
        for body in ["The Glass Harbor premiered on May 3, 2019 on Netflix.", "In May, The Glass Harbor premiered on Netflix.",
                     "May 3, 2019 saw The Glass Harbor premiere on Netflix."] {
            let cs = claims(body)
            #expect(!cs.isEmpty, "\(body)")
            #expect(cs.allSatisfy { $0.modality == .asserted }, "\(body): \(cs.map(\.modality))")
        }
        let hedged = claims("The Glass Harbor may premiere on Netflix on June 3, 2025.")
        #expect(!hedged.isEmpty && hedged.allSatisfy { $0.modality == .hedged })
    }

    /// "May" the month is no speculation about a renewal.
    @Test func monthMayIsNoRenewalSpeculation() {
        #expect(renewals(claims("In May, Tomas Reyes played the small role of a reporter in the sequel.")).isEmpty)
        #expect(renewals(claims("The Glass Harbor may return for a second season, the studio hinted.")) == [.speculated])
    }

    /// A cancel verb whose object names no work is not a cancellation of the show.
    @Test func cancellingSomethingElse() {
        #expect(renewals(claims("The studio canceled its distribution deal for the second season of The Glass Harbor.")).isEmpty)
        #expect(renewals(claims("In May, the network renewed deals with two partners, but one partner canceled its task order two months later.")).isEmpty)
        #expect(renewals(claims("Netflix dropped the first trailer for The Glass Harbor season 2.")).isEmpty)
        #expect(renewals(claims("Netflix canceled the show after one season.")) == [.cancelled])
        #expect(renewals(claims("Netflix has cancelled The Glass Harbor after two seasons.")) == [.cancelled])
    }

    @Test func questionsYieldNothing() {
        #expect(claims("Will The Glass Harbor be renewed for a second season?").isEmpty)
    }

    @Test func adjectiveRenewedIsNotARenewal() {
        #expect(renewals(claims("The renewed popularity of the band has boosted sales.")).isEmpty)
    }
}
