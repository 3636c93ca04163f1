import Foundation
import GuichetDomain
import Testing

// The « official figures » check: every cell of the shipped data files against a table typed here from
// /work/shared/domain.md §4.3–4.5 (catégories 1–6, then the per-extra-person amount). Rows marked
// « rule » are not printed there: they are round-half-up(PLUS × 1.3), and `plsSuitLaRegle` checks that rule.
private let attendu: [Int: [Financement: [ZonePlafond: [Int]]]] = [
    2024: [
        .plus: [
            .parisLimitrophes: [26044, 38925, 51025, 60921, 72482, 81562, 9089],
            .ileDeFrance: [26044, 38925, 46789, 56046, 66347, 74662, 8319],
            .autresRegions: [22642, 30238, 36362, 43899, 51641, 58200, 6492],
        ],
        .plai: [
            .parisLimitrophes: [14329, 23355, 30614, 33511, 39863, 44861, 4998],
            .ileDeFrance: [14329, 23355, 28074, 30824, 36493, 41064, 4573],
            .autresRegions: [12452, 18143, 21818, 24276, 28404, 32010, 3569],
        ],
        .pls: [  // rule
            .parisLimitrophes: [33857, 50603, 66333, 79197, 94227, 106031, 11816],
            .ileDeFrance: [33857, 50603, 60826, 72860, 86251, 97061, 10815],
            .autresRegions: [29435, 39309, 47271, 57069, 67133, 75660, 8440],
        ],
    ],
    2025: [
        .plus: [
            .parisLimitrophes: [26687, 39885, 52284, 62424, 74271, 83575, 9313],
            .ileDeFrance: [26687, 39885, 47944, 57429, 67984, 76504, 8524],
            .autresRegions: [23201, 30984, 37259, 44982, 52915, 59636, 6652],
        ],
        .plai: [
            .parisLimitrophes: [14683, 23931, 31369, 34338, 40847, 45968, 5121],
            .ileDeFrance: [14683, 23931, 28767, 31585, 37393, 42077, 4686],
            .autresRegions: [12759, 18591, 22356, 24875, 29105, 32800, 3657],
        ],
        .pls: [
            .parisLimitrophes: [34693, 51851, 67969, 81151, 96552, 108648, 12107],
            .ileDeFrance: [34693, 51851, 62327, 74658, 88379, 99455, 11081],
            .autresRegions: [30161, 40279, 48437, 58477, 68790, 77527, 8648],
        ],
    ],
    2026: [
        .plus: [
            .parisLimitrophes: [26920, 40233, 52740, 62968, 74919, 84304, 9394],
            .ileDeFrance: [26920, 40233, 48362, 57930, 68577, 77171, 8598],
            .autresRegions: [23403, 31254, 37584, 45374, 53376, 60156, 6710],
        ],
        .plai: [
            .parisLimitrophes: [14811, 24140, 31643, 34637, 41203, 46369, 5166],
            .ileDeFrance: [14811, 24140, 29018, 31860, 37719, 42444, 4727],
            .autresRegions: [12870, 18753, 22551, 25092, 29359, 33086, 3689],
        ],
        .pls: [  // Paris and autres régions printed by F869; IDF: cat. 3 and 4 printed, the rest by rule
            .parisLimitrophes: [34996, 52303, 68562, 81858, 97395, 109595, 12212],
            .ileDeFrance: [34996, 52303, 62871, 75309, 89150, 100322, 11177],
            .autresRegions: [30424, 40630, 48859, 58986, 69389, 78203, 8723],
        ],
    ],
]

private func officielles() throws -> TablePlafonds { try TablePlafonds.chargerOfficielles() }

private func officiel2026() throws -> [String: Any] {
    let racine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = racine.appendingPathComponent("Sources/Resources/plafonds/2026.json")
    return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
}

private func encode(_ objet: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: objet) }

@Suite("Plafonds de ressources")
struct PlafondsTests {
    @Test("les années livrées sont 2024, 2025 et 2026, chacune avec son texte")
    func annees() throws {
        let table = try officielles()
        #expect(table.annees == [2024, 2025, 2026])
        for annee in table.annees {
            let bareme = try table.bareme(annee: annee)
            #expect(bareme.texte.contains("arrêté du 29 juillet 1987"))
            #expect(bareme.verifieLe == "2026-11-27")
        }
        #expect(try table.bareme(annee: 2026).texte.contains("NOR VLOL2534266A"))
    }

    @Test("chaque case = chiffres officiels de domain.md", arguments: [2024, 2025, 2026], Financement.allCases)
    func chiffresOfficiels(annee: Int, financement: Financement) throws {
        let table = try officielles()
        for zone in ZonePlafond.allCases {
            let ligne = try table.ligne(annee: annee, financement: financement, zone: zone)
            let valeurs = ligne.categories + [ligne.parPersonneSupplementaire]
            #expect(valeurs == attendu[annee]?[financement]?[zone], "\(annee) \(financement.rawValue) \(zone.rawValue)")
            for c in 1...6 {
                let p = try table.plafond(annee: annee, financement: financement, zone: zone, categorie: CategorieMenage(categorie: c))
                #expect(p == valeurs[c - 1])
            }
        }
    }

    @Test("PLS = arrondi au demi-euro supérieur de PLUS × 1,3, case par case", arguments: [2024, 2025, 2026], ZonePlafond.allCases)
    func plsSuitLaRegle(annee: Int, zone: ZonePlafond) throws {
        let table = try officielles()
        let plus = try table.ligne(annee: annee, financement: .plus, zone: zone)
        let pls = try table.ligne(annee: annee, financement: .pls, zone: zone)
        let regle = { (v: Int) in (v * 13 + 5) / 10 }  // exact integer round-half-up of v × 1.3
        #expect(pls.categories == plus.categories.map(regle))
        #expect(pls.parPersonneSupplementaire == regle(plus.parPersonneSupplementaire))
        #expect(regle(62968) == 81858 && regle(39885) == 51851)  // 81 858,4 → 81 858 ; 51 850,5 → 51 851 (F869)
    }

    @Test("les cases calculées sont marquées dérivées, les cases lues ne le sont pas")
    func provenance() throws {
        let table = try officielles()
        for annee in table.annees {
            for zone in ZonePlafond.allCases {
                #expect(try !table.ligne(annee: annee, financement: .plus, zone: zone).derive)
            }
        }
        for zone in ZonePlafond.allCases {
            #expect(try table.ligne(annee: 2026, financement: .plai, zone: zone).derive)
            #expect(try !table.ligne(annee: 2024, financement: .plai, zone: zone).derive)
            #expect(try table.ligne(annee: 2024, financement: .pls, zone: zone).derive)
        }
        #expect(try !table.ligne(annee: 2025, financement: .plai, zone: .parisLimitrophes).derive)
        #expect(try table.ligne(annee: 2025, financement: .plai, zone: .autresRegions).derive)
        #expect(try !table.ligne(annee: 2026, financement: .pls, zone: .autresRegions).derive)
        #expect(try table.ligne(annee: 2026, financement: .pls, zone: .ileDeFrance).derive)
        #expect(try table.ligne(annee: 2026, financement: .plai, zone: .autresRegions).source.contains("IRL"))
    }

    @Test("au-delà de la catégorie 6 : montant de la catégorie 6 + n × montant par personne supplémentaire")
    func personnesSupplementaires() throws {
        let table = try officielles()
        let huit = CategorieMenage(categorie: 6, personnesSupplementaires: 2)
        #expect(try table.plafond(annee: 2026, financement: .plus, zone: .autresRegions, categorie: huit) == 60156 + 2 * 6710)
        #expect(try table.plafond(annee: 2026, financement: .plai, zone: .autresRegions, categorie: huit) == 33086 + 2 * 3689)
        #expect(try table.plafond(annee: 2024, financement: .pls, zone: .parisLimitrophes, categorie: huit) == 106031 + 2 * 11816)
    }

    @Test("année absente : erreur typée qui liste les années disponibles")
    func anneeAbsente() throws {
        let table = try officielles()
        let erreur = #expect(throws: ErreurPlafonds.self) {
            try table.plafond(annee: 2023, financement: .plus, zone: .autresRegions, categorie: CategorieMenage(categorie: 1))
        }
        #expect(erreur == .anneeIndisponible(annee: 2023, disponibles: [2024, 2025, 2026]))
        #expect(erreur?.description == "Plafonds 2023 non chargés (années disponibles : 2024, 2025, 2026)")
    }

    @Test("catégorie invalide : 0, 7, ou personnes supplémentaires sous la catégorie 6", arguments: [(0, 0), (7, 0), (3, 1), (6, -1)])
    func categorieInvalide(categorie: Int, supplementaires: Int) throws {
        let table = try officielles()
        let erreur = #expect(throws: ErreurPlafonds.self) {
            try table.plafond(annee: 2026, financement: .plus, zone: .autresRegions,
                              categorie: CategorieMenage(categorie: categorie, personnesSupplementaires: supplementaires))
        }
        #expect(erreur == .categorieInvalide(categorie: categorie, personnesSupplementaires: supplementaires))
    }

    @Test("fichier mal formé : erreur qui nomme le fichier")
    func fichierMalForme() {
        let erreur = #expect(throws: ErreurPlafonds.self) {
            try TablePlafonds(fichiers: [Data("{\"annee\": 2026, \"financements\": ".utf8)], noms: ["2026.json"])
        }
        guard case let .fichierIllisible(fichier, _, _) = erreur else {
            Issue.record("fichierIllisible attendu, reçu \(String(describing: erreur))")
            return
        }
        #expect(fichier == "2026.json")
    }

    @Test("clé absente dans une ligne : l'erreur nomme l'année, le financement et la zone")
    func cleAbsente() throws {
        var json = try officiel2026()
        var financements = try #require(json["financements"] as? [String: Any])
        var plus = try #require(financements["PLUS"] as? [String: Any])
        var ligne = try #require(plus["autresRegions"] as? [String: Any])
        ligne["derive"] = nil
        plus["autresRegions"] = ligne
        financements["PLUS"] = plus
        json["financements"] = financements
        let erreur = #expect(throws: ErreurPlafonds.self) { try TablePlafonds(fichiers: [try encode(json)]) }
        guard case let .fichierIllisible(fichier, annee, detail) = erreur else {
            Issue.record("fichierIllisible attendu, reçu \(String(describing: erreur))")
            return
        }
        #expect(fichier == "fichier n°1")
        #expect(annee == 2026)
        #expect(detail.contains("derive") && detail.contains("PLUS") && detail.contains("autresRegions"))
    }

    @Test("fichier incomplet : zone ou financement manquant")
    func fichierIncomplet() throws {
        var json = try officiel2026()
        var financements = try #require(json["financements"] as? [String: Any])
        var pls = try #require(financements["PLS"] as? [String: Any])
        pls["ileDeFrance"] = nil
        financements["PLS"] = pls
        json["financements"] = financements
        let sansZone = #expect(throws: ErreurPlafonds.self) {
            try TablePlafonds(fichiers: [try encode(json)], noms: ["2026-incomplet.json"])
        }
        #expect(sansZone == .zoneManquante(fichier: "2026-incomplet.json", annee: 2026, financement: .pls, zone: .ileDeFrance))
        #expect(sansZone?.description.contains("2026-incomplet.json") == true)

        financements["PLAI"] = nil
        json["financements"] = financements
        let sansFinancement = #expect(throws: ErreurPlafonds.self) { try TablePlafonds(fichiers: [try encode(json)]) }
        #expect(sansFinancement == .financementManquant(fichier: "fichier n°1", annee: 2026, financement: .plai))
    }

    @Test("ligne invalide : 5 catégories, montants non croissants, clé de zone inconnue, année en double")
    func lignesInvalides() throws {
        func modifie(_ f: (inout [String: Any]) -> Void) throws -> Data {
            var json = try officiel2026()
            var financements = json["financements"] as! [String: Any]
            var plus = financements["PLUS"] as! [String: Any]
            var ligne = plus["autresRegions"] as! [String: Any]
            f(&ligne)
            plus["autresRegions"] = ligne
            financements["PLUS"] = plus
            json["financements"] = financements
            return try encode(json)
        }
        let courte = #expect(throws: ErreurPlafonds.self) {
            try TablePlafonds(fichiers: [try modifie { $0["categories"] = [1, 2, 3, 4, 5] }])
        }
        guard case .ligneInvalide(_, 2026, .plus, .autresRegions, _) = courte else {
            Issue.record("ligneInvalide attendu, reçu \(String(describing: courte))")
            return
        }
        let inversee = #expect(throws: ErreurPlafonds.self) {
            try TablePlafonds(fichiers: [try modifie { $0["categories"] = [23403, 31254, 35784, 35374, 53376, 60156] }])
        }
        guard case .ligneInvalide(_, 2026, .plus, .autresRegions, _) = inversee else {
            Issue.record("ligneInvalide attendu, reçu \(String(describing: inversee))")
            return
        }

        var json = try officiel2026()
        var financements = json["financements"] as! [String: Any]
        var plus = financements["PLUS"] as! [String: Any]
        plus["autresRegion"] = plus["autresRegions"]
        financements["PLUS"] = plus
        json["financements"] = financements
        let faute = #expect(throws: ErreurPlafonds.self) { try TablePlafonds(fichiers: [try encode(json)]) }
        #expect(faute == .cleInconnue(fichier: "fichier n°1", annee: 2026, cle: "PLUS.autresRegion"))

        let original = try encode(try officiel2026())
        let double = #expect(throws: ErreurPlafonds.self) {
            try TablePlafonds(fichiers: [original, original], noms: ["a.json", "b.json"])
        }
        #expect(double == .anneeEnDouble(annee: 2026, fichiers: ["a.json", "b.json"]))
    }

    @Test("un fichier bien formé se charge seul, sans code nouveau")
    func nouveauFichier() throws {
        var json = try officiel2026()
        json["annee"] = 2027
        let table = try TablePlafonds(fichiers: [try encode(json)])
        #expect(table.annees == [2027])
        #expect(try table.plafond(annee: 2027, financement: .plus, zone: .autresRegions, categorie: CategorieMenage(categorie: 2)) == 31254)
    }
}
