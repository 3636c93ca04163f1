import Foundation
import GuichetDomain
import Testing

// The 49 communes of Grenoble-Alpes Métropole (EPCI 200040715, BANATIC 2024) and their QPV flag, docs/DOMAIN.md §8.
@Suite("Référentiel des communes de la métropole")
struct ReferentielCommunesTests {
    private func metropole() throws -> ReferentielCommunes { try ReferentielCommunes.chargerMetropole() }

    @Test("49 communes, codes INSEE uniques de l'Isère, population 449 488")
    func communes() throws {
        let r = try metropole()
        #expect(r.communes.count == 49)
        #expect(r.codesInsee.count == 49)
        #expect(Set(r.communes.map(\.insee)) == r.codesInsee)
        #expect(r.communes.allSatisfy { $0.insee.count == 5 && $0.insee.hasPrefix("38") && CodeInsee.estValide($0.insee) })
        #expect(r.communes.map(\.population).reduce(0, +) == 449_488)
        #expect(r.communes.allSatisfy { !$0.nom.isEmpty && $0.population > 0 })
    }

    @Test("toutes en zone autres régions, comme le dit ZonePlafond.pour")
    func zones() throws {
        for c in try metropole().communes {
            #expect(c.zone == .autresRegions, "\(c.nom)")
            #expect(ZonePlafond.pour(communeInsee: c.insee) == c.zone)
        }
    }

    @Test("Grenoble 38185 présente, avec ses QPV")
    func grenoble() throws {
        let g = try #require(try metropole().commune(insee: "38185"))
        #expect(g == Commune(insee: "38185", nom: "Grenoble", population: 157_477, zone: .autresRegions, qpv: true))
    }

    @Test("communes à QPV : les cinq du contrat de ville 2024-2030")
    func qpv() throws {
        #expect(Set(try metropole().communes.filter(\.qpv).map(\.insee)) == ["38151", "38169", "38185", "38317", "38421"])
    }

    @Test("recherche par code : espaces et casse ignorés, hors métropole nil",
          arguments: [(" 38185 ", "Grenoble"), ("38421", "Saint-Martin-d'Hères"), ("69123", nil), ("", nil), ("38053", nil)])
    func recherche(code: String, nom: String?) throws {
        #expect(try metropole().commune(insee: code)?.nom == nom)
    }

    @Test("Commune Codable : schéma du fichier")
    func codable() throws {
        let c = Commune(insee: "38151", nom: "Échirolles", population: 36_849, zone: .autresRegions, qpv: true)
        let json = #"{"insee":"38151","nom":"Échirolles","population":36849,"zone":"autresRegions","qpv":true}"#
        #expect(try JSONDecoder().decode(Commune.self, from: Data(json.utf8)) == c)
        #expect(try JSONDecoder().decode(Commune.self, from: JSONEncoder().encode(c)) == c)
    }

    @Test("fichier invalide : erreur typée avec un message en français", arguments: [
        (#"{"communes": []}"#, "aucune commune"),
        (#"{"communes": [{"insee":"38185","nom":"A","population":1,"zone":"autresRegions","qpv":false},{"insee":"38185","nom":"B","population":1,"zone":"autresRegions","qpv":false}]}"#, "38185 en double"),
        (#"{"communes": [{"insee":"3818","nom":"A","population":1,"zone":"autresRegions","qpv":false}]}"#, "code INSEE invalide « 3818 »"),
        (#"{"communes": [{"insee":"38185","nom":"A","population":1,"zone":"lune","qpv":false}]}"#, "JSON illisible"),
        (#"{"version": "2024"}"#, "JSON illisible"),
        ("pas du JSON", "JSON illisible"),
    ])
    func invalide(json: String, extrait: String) {
        do {
            let r = try ReferentielCommunes(json: Data(json.utf8))
            Issue.record("chargé à tort : \(r.communes.count) communes")
        } catch let ErreurReferentielCommunes.fichierInvalide(detail) {
            #expect(detail.contains(extrait), "\(detail)")
            #expect(ErreurReferentielCommunes.fichierInvalide(detail: detail).description.hasPrefix("Référentiel des communes invalide : "))
        } catch {
            Issue.record("erreur inattendue : \(error)")
        }
    }

    @Test("le référentiel sert de liste des communes connues à la validation")
    func validation() throws {
        let codes = try metropole().codesInsee
        #expect(ValidationDemande.problemes(Fixtures.demande(), au: Fixtures.aujourdhui, communesConnues: codes) == [])
        let hors = Fixtures.demande(communes: ["38185", "38053"])
        #expect(ValidationDemande.problemes(hors, au: Fixtures.aujourdhui, communesConnues: codes).map(\.chemin)
            == ["logementRecherche.communes[1]"])
    }
}
