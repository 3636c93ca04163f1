import Foundation
import GuichetDomain
import Testing

// Zones of the ceiling tables (service-public.fr F869, 2026) and the GAM reference file (domain.md §11).
@Suite("Zones de plafonds et communes de la métropole")
struct PlafondsZonesTests {
    /// Paris and its 29 limitrophes, typed from domain.md §4.1 (openfisca forgets 92012 Boulogne-Billancourt).
    static let parisEtLimitrophes = [
        "75056", "93001", "93006", "92012", "94018", "92024", "94033", "94037", "92040", "94041", "94042", "94043",
        "93045", "93061", "92044", "92046", "93048", "92049", "92051", "94052", "93055", "92062", "92064", "93066",
        "94067", "94069", "93070", "92073", "92075", "94080",
    ]

    @Test("Paris et les 29 communes limitrophes", arguments: parisEtLimitrophes)
    func limitrophes(code: String) {
        #expect(ZonePlafond.pour(communeInsee: code) == .parisLimitrophes)
    }

    @Test("la liste compte Paris + 29 communes distinctes")
    func trenteCodes() {
        #expect(Set(Self.parisEtLimitrophes).count == 30)
    }

    @Test("arrondissements de Paris", arguments: ["75101", "75112", "75120"])
    func arrondissements(code: String) {
        #expect(ZonePlafond.pour(communeInsee: code) == .parisLimitrophes)
    }

    @Test("reste de l'Île-de-France", arguments: ["92050", "77288", "78646", "91228", "93008", "94028", "95018"])
    func ileDeFrance(code: String) {
        #expect(ZonePlafond.pour(communeInsee: code) == .ileDeFrance)
    }

    @Test("autres régions", arguments: ["38185", "38151", "69123", "13055", "2A004", "97411", " 38421 "])
    func autresRegions(code: String) {
        #expect(ZonePlafond.pour(communeInsee: code) == .autresRegions)
    }

    private struct Referentiel: Decodable {
        struct Commune: Decodable {
            let insee: String
            let nom: String
            let population: Int
            let zone: ZonePlafond
            let qpv: Bool
        }
        let version: String
        let epciSiren: String
        let departement: String
        let communes: [Commune]
    }

    @Test("communes-gam.json : 49 communes, population 449 488, toutes en zone autres régions, 5 communes à QPV")
    func referentielCommunes() throws {
        let racine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let donnees = try Data(contentsOf: racine.appendingPathComponent("Sources/Resources/communes-gam.json"))
        let ref = try JSONDecoder().decode(Referentiel.self, from: donnees)
        #expect(ref.epciSiren == "200040715")
        #expect(ref.departement == "38")
        #expect(ref.communes.count == 49)
        #expect(Set(ref.communes.map(\.insee)).count == 49)
        #expect(ref.communes.allSatisfy { $0.insee.hasPrefix("38") && $0.insee.count == 5 })
        #expect(ref.communes.map(\.population).reduce(0, +) == 449_488)
        #expect(ref.communes.first { $0.insee == "38185" }?.nom == "Grenoble")
        for commune in ref.communes {
            #expect(commune.zone == .autresRegions)
            #expect(ZonePlafond.pour(communeInsee: commune.insee) == .autresRegions)
        }
        // Contrat de ville 2024-2030: 10 QPV on Échirolles, Fontaine, Grenoble, Le Pont-de-Claix, Saint-Martin-d'Hères.
        let qpv = Set(ref.communes.filter(\.qpv).map(\.insee))
        #expect(qpv == ["38151", "38169", "38185", "38317", "38421"])
    }
}
