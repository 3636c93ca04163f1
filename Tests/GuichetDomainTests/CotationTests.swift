import Foundation
import GuichetDomain
import Testing

// Cotation (CCH L441-2-8) with the EXAMPLE grid: points add up to the score, exclusive rubrics keep their best
// criterion, criteria that need a validation count only once validated.
@Suite("Cotation")
struct CotationTests {
    private func coter(au jour: Jour = Rappro.jour, _ modifier: (inout Demande) -> Void) -> ResultatCotation {
        Cotation.calculer(profil: Rappro.profil(au: jour, modifier), grille: Rappro.grille, au: jour)
    }

    private func points(_ r: ResultatCotation, _ code: CodeCritere) -> Int? {
        r.details.first { $0.code == code.rawValue }?.points
    }

    @Test("les points des critères s'additionnent pour faire le score ; même score par le calcul rapide")
    func lesPointsSAdditionnent() {
        let r = coter {
            $0.logementActuel = LogementActuel(situation: .hebergeTiers, nombreOccupants: 6, surfaceHabitable: 30, nombrePieces: 2)
            $0.motifs = [.procedureExpulsion, .mutationProfessionnelle, .violencesFamiliales]
            $0.priorites = [PrioriteDeclaree(priorite: .violencesCouple, valideePar: "GAM03", valideeLe: Jour(2026, 5, 2)!)]
            $0.dalo = true
        }
        #expect(r.version == "exemple-2026.1")
        #expect(r.score == r.details.reduce(0) { $0 + $1.points })
        // 27 months + délai anormalement long 20 + DALO 100 + priority 30 + hébergé chez tiers 10 + surface 10
        // (pièces beaten) + expulsion 20 + violences 10 + 2 children 2 + mutation 5.
        #expect(r.score == 27 + 20 + 100 + 30 + 10 + 10 + 20 + 10 + 2 + 5)
        #expect(Cotation.score(profil: Rappro.profil {
            $0.logementActuel = LogementActuel(situation: .hebergeTiers, nombreOccupants: 6, surfaceHabitable: 30, nombrePieces: 2)
            $0.motifs = [.procedureExpulsion, .mutationProfessionnelle, .violencesFamiliales]
            $0.priorites = [PrioriteDeclaree(priorite: .violencesCouple, valideePar: "GAM03", valideeLe: Jour(2026, 5, 2)!)]
            $0.dalo = true
        }, grille: Rappro.grille, au: Rappro.jour) == r.score)
        #expect(r.details.allSatisfy { !$0.justification.isEmpty && !$0.libelle.isEmpty })
    }

    @Test("ancienneté : un point par mois, plafonné à 60", arguments: [(Jour(2024, 3, 15)!, 27), (Jour(2024, 3, 16)!, 26), (Jour(2016, 1, 1)!, 60), (Jour(2026, 6, 1)!, 0)])
    func anciennete(depot: Jour, attendu: Int) {
        let r = coter { $0.dates.depot = depot }
        #expect((points(r, .anciennete) ?? 0) == attendu)
    }

    @Test("délai anormalement long : 25 mois atteints, 24 non")
    func delaiAnormalementLong() {
        #expect(points(coter { $0.dates.depot = Jour(2024, 5, 15)! }, .delaiAnormalementLong) == 20)
        #expect(points(coter { $0.dates.depot = Jour(2024, 5, 16)! }, .delaiAnormalementLong) == nil)
    }

    @Test("rubrique exclusive : seul le meilleur critère compte, les autres à 0 avec la raison")
    func rubriqueExclusive() throws {
        // 4 occupants in 30 m² and 1 room: both sur-occupation criteria are met; surface (10) beats rooms (4).
        let r = coter { $0.logementActuel = LogementActuel(situation: .locatairePrive, nombreOccupants: 4, surfaceHabitable: 30, nombrePieces: 1) }
        #expect(points(r, .surOccupationSurface) == 10)
        let pieces = try #require(r.details.first { $0.code == CodeCritere.surOccupationPieces.rawValue })
        #expect(pieces.points == 0)
        #expect(pieces.justification.contains("non cumulable dans la rubrique « Sur-occupation du logement actuel » avec « Sur-occupation (surface) » (10 points)"))
        // Two validated priorities in the exclusive « publics prioritaires » rubric: 30, not 60.
        let deux = coter {
            $0.priorites = [
                PrioriteDeclaree(priorite: .handicap, valideePar: "GAM03", valideeLe: Jour(2026, 5, 2)!),
                PrioriteDeclaree(priorite: .sansLogement, valideePar: "GAM03", valideeLe: Jour(2026, 5, 2)!),
            ]
        }
        #expect(deux.details.filter { $0.rubrique == "publicPrioritaire" }.map(\.points).sorted() == [0, 30])
    }

    @Test("rubrique exclusive, égalité : le premier critère de la grille l'emporte ; critères non exclusifs cumulés")
    func egaliteEtCumul() throws {
        let json = #"""
            {"version": "test-1", "titre": "Test",
             "rubriques": [{"code": "r", "libelle": "R"}],
             "criteres": [
               {"code": "mutationProfessionnelle", "rubrique": "r", "libelle": "M", "points": 5, "mode": "ponctuel", "exclusifDansRubrique": true, "necessiteValidation": false, "source": "t"},
               {"code": "rapprochementTravail", "rubrique": "r", "libelle": "R", "points": 5, "mode": "ponctuel", "exclusifDansRubrique": true, "necessiteValidation": false, "source": "t"},
               {"code": "decohabitation", "rubrique": "r", "libelle": "D", "points": 2, "mode": "ponctuel", "exclusifDansRubrique": false, "necessiteValidation": false, "source": "t"},
               {"code": "personnesACharge", "rubrique": "r", "libelle": "P", "points": 3, "mode": "parPersonne", "plafond": 5, "exclusifDansRubrique": false, "necessiteValidation": false, "source": "t"}]}
            """#
        let grille = try GrilleCotation(json: Data(json.utf8))
        let profil = Rappro.profil { $0.motifs = [.decohabitation, .mutationProfessionnelle, .rapprochementTravail] }
        let r = Cotation.calculer(profil: profil, grille: grille, au: Rappro.jour)
        #expect(r.details.map(\.points) == [5, 0, 2, 5])
        #expect(r.score == 12)
        #expect(Cotation.score(profil: profil, grille: grille, au: Rappro.jour) == 12)
        #expect(r.details[3].justification.contains("2 personne(s) × 3 point(s) plafonné à 5 = 5 points"))
    }

    @Test("priorité déclarée non validée : 0 point ; validée : 30", arguments: [false, true])
    func prioriteNonValidee(validee: Bool) throws {
        let r = coter {
            $0.priorites = [validee
                ? PrioriteDeclaree(priorite: .menaceExpulsion, valideePar: "GAM03", valideeLe: Jour(2026, 5, 2)!)
                : PrioriteDeclaree(priorite: .menaceExpulsion, valideePar: "GAM03")]
        }
        let detail = try #require(r.details.first { $0.code == "priorite.menaceExpulsion" })
        #expect(detail.points == (validee ? 30 : 0))
        #expect(detail.justification == (validee
            ? "priorité L441-1 « menaceExpulsion » validée ; 30 points"
            : "priorité L441-1 « menaceExpulsion » déclarée, non validée ; 30 points si validée ; validation requise : 0 point"))
        #expect(r.score == r.details.reduce(0) { $0 + $1.points })
    }

    @Test("violences familiales : motif compté seulement avec la priorité f) validée")
    func violences() {
        let declare = coter { $0.motifs = [.violencesFamiliales] }
        #expect(points(declare, .violencesFamiliales) == 0)
        let valide = coter {
            $0.motifs = [.violencesFamiliales]
            $0.priorites = [PrioriteDeclaree(priorite: .violencesCouple, valideePar: "GAM03", valideeLe: Jour(2026, 5, 2)!)]
        }
        #expect(points(valide, .violencesFamiliales) == 10)
    }

    @Test("taux d'effort du logement actuel : strictement au-dessus de 30 %")
    func tauxEffortActuel() {
        // Resources 3 000 €: 900 € net is exactly 30 % (not counted), 900,01 € is above.
        func avecCout(_ loyer: Euros) -> ResultatCotation {
            coter {
                Rappro.ressources(&$0, 3000)
                $0.logementActuel = LogementActuel(situation: .locatairePrive, nombreOccupants: 4, loyer: loyer, charges: 100, aideLogement: 200)
            }
        }
        #expect(points(avecCout(1000), .tauxEffortLogementActuel) == nil)
        #expect(points(avecCout(Euros(centimes: 1_000_01)), .tauxEffortLogementActuel) == 10)
    }

    @Test("seuils de sur-occupation : 9, 16, +9 m², 70 au plus", arguments: [(1, 9), (2, 16), (3, 25), (4, 34), (8, 70), (12, 70), (0, 0)])
    func surfaceMinimale(occupants: Int, surface: Int) {
        #expect(Peuplement.surfaceMinimale(occupants: occupants) == surface)
    }

    @Test("sur-occupation : en dessous du seuil comptée, au seuil non")
    func surOccupation() {
        func avec(_ surface: Int) -> Int? {
            points(coter { $0.logementActuel = LogementActuel(situation: .locataireHLM, nombreOccupants: 4, surfaceHabitable: surface, nombrePieces: 3) }, .surOccupationSurface)
        }
        #expect(avec(33) == 10)
        #expect(avec(34) == nil)
    }

    @Test("parent isolé et situation sans abri")
    func parentIsoleSansAbri() {
        let r = coter {
            $0.coDemandeurs = []
            $0.logementActuel = LogementActuel(situation: .sansAbri, nombreOccupants: 3)
        }
        #expect(points(r, .parentIsole) == 5)
        #expect(points(r, .sansAbri) == 17)
        #expect(points(r, .hebergeChezTiers) == nil)
    }
}
