import Foundation
import GuichetDomain
import Testing

// Civil days and periods « de quantième à quantième » (docs/DOMAIN.md §12, CPC art. 641 al. 2).
@Suite("Jour")
struct JourTests {
    private func j(_ iso: String) throws -> Jour { try #require(Jour(iso: iso)) }

    @Test("lecture et écriture AAAA-MM-JJ, affichage JJ/MM/AAAA")
    func lectureEcriture() throws {
        let jour = try j("2026-03-05")
        #expect(jour.annee == 2026 && jour.mois == 3 && jour.jour == 5)
        #expect(jour.description == "2026-03-05")
        #expect(jour.affichage == "05/03/2026")
        #expect(try j("2024-02-29") == Jour(2024, 2, 29))
        #expect(Jour(1900, 1, 1)?.description == "1900-01-01")
    }

    @Test("dates inexistantes ou mal écrites refusées",
          arguments: ["2025-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-05",
                      "26-01-05", "2026/01/05", "2026-01-05T00:00", "", "2026-+1-05", "+026-01-05", "2026-01--5",
                      "2026-0a-05", "1899-12-31", "3000-01-01"])
    func refusees(texte: String) {
        #expect(Jour(iso: texte) == nil)
    }

    @Test("29 février : années bissextiles")
    func bissextiles() {
        #expect(Jour(2024, 2, 29) != nil)
        #expect(Jour(2000, 2, 29) != nil)
        #expect(Jour(2100, 2, 29) == nil)
        #expect(Jour(2025, 2, 29) == nil)
        #expect(Jour.nombreDeJours(annee: 2024, mois: 2) == 29)
        #expect(Jour.nombreDeJours(annee: 1900, mois: 2) == 28)
        #expect(Jour.nombreDeJours(annee: 2026, mois: 4) == 30)
        #expect(Jour.nombreDeJours(annee: 2026, mois: 12) == 31)
    }

    @Test("ordre chronologique")
    func ordre() throws {
        #expect(try j("2025-12-31") < j("2026-01-01"))
        #expect(try j("2026-01-31") < j("2026-02-01"))
        #expect(try j("2026-02-01") < j("2026-02-02"))
        #expect(try !(j("2026-02-02") < j("2026-02-02")))
    }

    @Test("ajout de mois de quantième à quantième", arguments: [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-01-31", 13, "2026-02-28"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-08-31", 1, "2025-09-30"),
        ("2025-11-15", 2, "2026-01-15"),
        ("2025-12-31", 2, "2026-02-28"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -1, "2025-12-15"),
        ("2025-05-31", 0, "2025-05-31"),
    ])
    func ajoutMois(depart: String, mois: Int, attendu: String) throws {
        #expect(try j(depart).ajoutant(mois: mois) == j(attendu))
    }

    @Test("ajout d'années : le 29 février devient 28 février")
    func ajoutAnnees() throws {
        #expect(try j("2024-02-29").ajoutant(annees: 1) == j("2025-02-28"))
        #expect(try j("2024-02-29").ajoutant(annees: 4) == j("2028-02-29"))
        #expect(try j("2025-06-15").ajoutant(annees: -1) == j("2024-06-15"))
    }

    @Test("ajout de jours à travers mois et années", arguments: [
        ("2025-12-31", 1, "2026-01-01"),
        ("2026-01-01", -1, "2025-12-31"),
        ("2024-02-28", 1, "2024-02-29"),
        ("2024-02-29", 1, "2024-03-01"),
        ("2025-02-28", 1, "2025-03-01"),
        ("2024-01-01", 366, "2025-01-01"),
        ("2025-01-01", 365, "2026-01-01"),
        ("2026-03-01", -1, "2026-02-28"),
        ("1999-12-31", 1, "2000-01-01"),
        ("2000-02-28", 1, "2000-02-29"),
        ("2100-02-28", 1, "2100-03-01"),
    ])
    func ajoutJours(depart: String, jours: Int, attendu: String) throws {
        let a = try j(depart), b = try j(attendu)
        #expect(a.ajoutant(jours: jours) == b)
        #expect(a.jours(jusqua: b) == jours)
    }

    @Test("l'ajout de jours concorde avec le calendrier grégorien de Foundation sur dix ans")
    func joursCommeFoundation() throws {
        var calendrier = Calendar(identifier: .gregorian)
        calendrier.timeZone = TimeZone(identifier: "UTC")!
        let depart = try j("2020-01-01")
        let origine = calendrier.date(from: DateComponents(year: 2020, month: 1, day: 1))!
        for n in stride(from: 0, through: 3_700, by: 7) {
            let attendu = calendrier.dateComponents([.year, .month, .day], from: calendrier.date(byAdding: .day, value: n, to: origine)!)
            let jour = depart.ajoutant(jours: n)
            #expect(jour == Jour(attendu.year!, attendu.month!, attendu.day!), "décalage de \(n) jours")
        }
    }

    @Test("mois révolus", arguments: [
        ("2025-01-15", "2025-02-14", 0),
        ("2025-01-15", "2025-02-15", 1),
        ("2025-01-31", "2025-02-27", 0),
        ("2025-01-31", "2025-02-28", 1),
        ("2024-01-31", "2024-02-28", 0),
        ("2024-01-31", "2024-02-29", 1),
        ("2025-01-15", "2026-01-14", 11),
        ("2025-01-15", "2026-01-15", 12),
        ("2025-03-10", "2025-03-10", 0),
        ("2025-03-10", "2025-01-10", 0),
    ])
    func moisRevolus(debut: String, fin: String, attendu: Int) throws {
        #expect(try j(debut).moisRevolus(jusqua: j(fin)) == attendu)
    }

    @Test("âge révolu : anniversaire le jour même, pas la veille")
    func ageRevolu() throws {
        let naissance = try j("1997-06-15")
        #expect(naissance.ageRevolu(au: try j("2026-06-14")) == 28)
        #expect(naissance.ageRevolu(au: try j("2026-06-15")) == 29)
        #expect(naissance.ageRevolu(au: try j("1990-01-01")) == 0)
    }

    @Test("âge révolu d'une personne née un 29 février")
    func ageNe29Fevrier() throws {
        let naissance = try j("2008-02-29")
        // Common year: one year older on 28 February (docs/DOMAIN.md §6.4).
        #expect(naissance.ageRevolu(au: try j("2026-02-27")) == 17)
        #expect(naissance.ageRevolu(au: try j("2026-02-28")) == 18)
        // Leap year: on 29 February, not the day before.
        #expect(naissance.ageRevolu(au: try j("2028-02-28")) == 19)
        #expect(naissance.ageRevolu(au: try j("2028-02-29")) == 20)
    }

    @Test("jour civil d'un instant à Paris, heure d'été comprise")
    func jourCivilParis() throws {
        let iso = ISO8601DateFormatter()
        // 22:30 UTC on 31 March 2026 is 00:30 on 1 April in Paris (UTC+2).
        #expect(Jour(try #require(iso.date(from: "2026-03-31T22:30:00Z")), timeZone: .paris) == Jour(2026, 4, 1))
        // 22:30 UTC on 15 January is 23:30 in Paris (UTC+1).
        #expect(Jour(try #require(iso.date(from: "2026-01-15T22:30:00Z")), timeZone: .paris) == Jour(2026, 1, 15))
        #expect(try j("2026-07-14").debut(timeZone: .paris) == iso.date(from: "2026-07-13T22:00:00Z"))
        let jour = try j("2026-10-25")
        #expect(Jour(jour.debut(timeZone: .paris), timeZone: .paris) == jour)
    }

    @Test("Codable : aller-retour en chaîne AAAA-MM-JJ")
    func codable() throws {
        let jours = [try j("2024-02-29"), try j("1900-01-01")]
        let donnees = try JSONEncoder().encode(jours)
        #expect(String(decoding: donnees, as: UTF8.self) == #"["2024-02-29","1900-01-01"]"#)
        #expect(try JSONDecoder().decode([Jour].self, from: donnees) == jours)
    }

    @Test("Codable : date invalide refusée avec un message en français",
          arguments: [#""2025-02-29""#, #""15/03/2026""#, "20260315"])
    func decodageInvalide(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Jour.self, from: Data(json.utf8))
        }
    }

    @Test("le message d'erreur de décodage cite la valeur reçue")
    func messageDecodage() throws {
        do {
            _ = try JSONDecoder().decode(Jour.self, from: Data(#""2025-02-29""#.utf8))
            Issue.record("le décodage aurait dû échouer")
        } catch let DecodingError.dataCorrupted(contexte) {
            #expect(contexte.debugDescription.contains("AAAA-MM-JJ"))
            #expect(contexte.debugDescription.contains("2025-02-29"))
        }
    }
}
