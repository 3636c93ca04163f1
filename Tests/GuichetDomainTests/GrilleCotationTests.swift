import Foundation
import GuichetDomain
import Testing

/// The ways a grid file can be wrong, each applied to the example grid, with the exact message expected.
enum GrilleInvalide: String, CaseIterable, CustomTestStringConvertible {
    case versionAbsente, versionVide, codeInconnu, codeAbsent, pointsNegatifs, codeEnDouble, rubriqueInconnue,
        champAbsent, sourceVide, modeInconnu, modeIncompatible, plafondNegatif, seuilAbsent, seuilHorsBornes,
        seuilSansObjet, validationImpossible, rubriqueEnDouble, aucunCritere, pointsMalTypes, dateEffet

    var testDescription: String { rawValue }

    /// Changes the decoded example grid (criterion 0 is « anciennete », 1 « delaiAnormalementLong », 2 « dalo »).
    func appliquer(_ g: inout [String: Any]) {
        var criteres = g["criteres"] as! [[String: Any]]
        switch self {
        case .versionAbsente: g["version"] = nil
        case .versionVide: g["version"] = "  "
        case .codeInconnu: criteres[2]["code"] = "horoscope"
        case .codeAbsent: criteres[0]["code"] = nil
        case .pointsNegatifs: criteres[2]["points"] = -5
        case .codeEnDouble: criteres.append(criteres[2])
        case .rubriqueInconnue: criteres[2]["rubrique"] = "loisirs"
        case .champAbsent: criteres[2]["necessiteValidation"] = nil
        case .sourceVide: criteres[2]["source"] = ""
        case .modeInconnu: criteres[2]["mode"] = "parAnnee"
        case .modeIncompatible: criteres[2]["mode"] = "parMois"
        case .plafondNegatif: criteres[0]["plafond"] = -1
        case .seuilAbsent: criteres[1]["seuil"] = nil
        case .seuilHorsBornes: criteres[1]["seuil"] = 0
        case .seuilSansObjet: criteres[2]["seuil"] = 3
        case .validationImpossible: criteres[2]["necessiteValidation"] = true
        case .rubriqueEnDouble:
            var rubriques = g["rubriques"] as! [[String: Any]]
            rubriques.append(rubriques[1])
            g["rubriques"] = rubriques
        case .aucunCritere: criteres = []
        case .pointsMalTypes: criteres[2]["points"] = "cent"
        case .dateEffet: g["dateEffet"] = "01/01/2026"
        }
        g["criteres"] = criteres
    }

    var message: String {
        let g = "Grille de cotation : "
        return switch self {
        case .versionAbsente, .versionVide: g + "champ « version » absent ou vide, la version est enregistrée avec chaque score"
        case .codeInconnu: g + "critère « horoscope » : champ « code » inconnu, le moteur ne sait pas le calculer"
        case .codeAbsent: g + "critère n°1 : champ « code » absent"
        case .pointsNegatifs: g + "critère « dalo » : champ « points » négatif (-5), zéro ou plus attendu"
        case .codeEnDouble: g + "critère « dalo » : champ « code » en double"
        case .rubriqueInconnue: g + "critère « dalo » : champ « rubrique » « loisirs » absent de la liste des rubriques"
        case .champAbsent: g + "critère « dalo » : champ « necessiteValidation » absent"
        case .sourceVide: g + "critère « dalo » : champ « source » vide"
        case .modeInconnu: g + "critère « dalo » : champ « mode » « parAnnee » inconnu (ponctuel, parMois ou parPersonne)"
        case .modeIncompatible: g + "critère « dalo » : champ « mode » « parMois » incompatible avec ce critère (ponctuel)"
        case .plafondNegatif: g + "critère « anciennete » : champ « plafond » négatif (-1)"
        case .seuilAbsent: g + "critère « delaiAnormalementLong » : champ « seuil » absent (1 à 600 mois)"
        case .seuilHorsBornes: g + "critère « delaiAnormalementLong » : champ « seuil » hors bornes (0, 1 à 600 mois)"
        case .seuilSansObjet: g + "critère « dalo » : champ « seuil » sans objet pour ce critère"
        case .validationImpossible:
            g + "critère « dalo » : champ « necessiteValidation » vrai, mais aucune validation ne peut être enregistrée pour ce critère sur une demande"
        case .rubriqueEnDouble: g + "rubrique « dalo » déclarée deux fois"
        case .aucunCritere: g + "champ « criteres » vide, au moins un critère est attendu"
        case .pointsMalTypes: "Grille de cotation illisible : valeur de type inattendu en criteres.2.points"
        case .dateEffet: g + "champ « dateEffet » invalide : « 01/01/2026 », format AAAA-MM-JJ attendu"
        }
    }
}

// The cotation grid file (docs/DOMAIN.md « Rapprochement et cotation »): the bundled EXAMPLE and the checks that
// refuse a wrong grid with a message naming the criterion and the field.
@Suite("Grille de cotation")
struct GrilleCotationTests {
    private func donneesExemple() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: GrilleCotation.jsonExemple()) as? [String: Any])
    }

    @Test("la grille d'exemple se charge et se dit EXEMPLE, avec ses inspirations")
    func exempleSeCharge() throws {
        let g = try GrilleCotation.chargerExemple()
        #expect(g.version == "exemple-2026.1")
        #expect(g.titre.contains("EXEMPLE"))
        #expect(g.avertissement.hasPrefix("EXEMPLE"))
        #expect(g.avertissement.contains("Grenoble-Alpes Métropole n'a pas été trouvée"))
        for ville in ["Lyon", "Paris", "Rennes", "Dunkerque"] {
            #expect(g.inspirations.contains { $0.contains(ville) }, "\(ville)")
        }
        #expect(g.dateEffet == Jour(2026, 1, 1))
        #expect(g.criteres.allSatisfy { !$0.source.isEmpty && !$0.libelle.isEmpty && $0.points >= 0 })
        #expect(Set(g.criteres.map(\.rubrique)).isSubset(of: Set(g.rubriques.map(\.code))))
    }

    @Test("la grille d'exemple couvre chaque priorité L441-1, le DALO et les critères de domain.md §5.2")
    func exempleCouvre() throws {
        let g = try GrilleCotation.chargerExemple()
        let codes = Set(g.criteres.map(\.code))
        for p in PrioriteL4411.allCases {
            let critere = try #require(g.criteres.first { $0.code.priorite == p }, "\(p)")
            #expect(critere.necessiteValidation)
            #expect(critere.exclusifDansRubrique)
        }
        #expect(codes.isSuperset(of: [
            .anciennete, .dalo, .sansAbri, .hebergeChezTiers, .hebergementStructure, .surOccupationSurface, .logementNonDecent,
            .logementIndigne, .violencesFamiliales, .handicapMenage, .tauxEffortLogementActuel, .menaceExpulsion, .parentIsole,
            .mutationProfessionnelle, .rapprochementTravail,
        ]))
        let anciennete = try #require(g.criteres.first { $0.code == .anciennete })
        #expect(anciennete.mode == .parMois)
        #expect(anciennete.plafond == 60)
        #expect(try #require(g.criteres.first { $0.code == .violencesFamiliales }).necessiteValidation)
        #expect(try #require(g.criteres.first { $0.code == .menaceExpulsion }).points == 20)
        // Every code the engine computes is used by the example, so that none is dead.
        #expect(codes == Set(CodeCritere.allCases))
    }

    @Test("grille invalide : erreur typée, message précis", arguments: GrilleInvalide.allCases)
    func grilleInvalide(cas: GrilleInvalide) throws {
        var g = try donneesExemple()
        cas.appliquer(&g)
        let donnees = try JSONSerialization.data(withJSONObject: g)
        let erreur = #expect(throws: ErreurGrilleCotation.self) { try GrilleCotation(json: donnees) }
        #expect(erreur?.description == cas.message)
    }

    @Test("pas du JSON : illisible")
    func pasDuJSON() {
        let erreur = #expect(throws: ErreurGrilleCotation.self) { try GrilleCotation(json: Data("grille".utf8)) }
        #expect(erreur?.description.hasPrefix("Grille de cotation illisible : JSON invalide") == true)
    }

    @Test("grille minimale propre à une métropole : acceptée")
    func grilleMinimale() throws {
        let json = #"""
            {"version": "metro-2027", "titre": "Grille de test",
             "rubriques": [{"code": "a", "libelle": "A"}],
             "criteres": [{"code": "parentIsole", "rubrique": "a", "libelle": "Parent isolé", "points": 0, "mode": "ponctuel",
                           "exclusifDansRubrique": false, "necessiteValidation": false, "source": "test"}]}
            """#
        let g = try GrilleCotation(json: Data(json.utf8))
        #expect(g.version == "metro-2027")
        #expect(g.criteres.map(\.code) == [.parentIsole])
        #expect(g.dateEffet == nil)
    }
}
