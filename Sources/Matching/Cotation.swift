import Foundation

/// The points of one criterion in a demande's cotation.
public struct PointsCritere: Sendable, Hashable, Codable {
    /// Criterion code (`CodeCritere.rawValue`).
    public let code: String
    /// Criterion label of the grid.
    public let libelle: String
    /// Rubric code.
    public let rubrique: String
    /// Points counted in the score (0 when not validated or beaten in an exclusive rubric).
    public let points: Int
    /// The facts read and how the points were counted, in French.
    public let justification: String
}

/// A demande's cotation: the score, the grid version, and the criteria met (details add up to the score).
public struct ResultatCotation: Sendable, Hashable, Codable {
    /// Sum of the details' points.
    public let score: Int
    /// Version of the grid used.
    public let version: String
    /// Every criterion met, in the grid's order, including those that count 0 and why.
    public let details: [PointsCritere]
}

/// Computes cotations (CCH L441-2-8): a help to decide, never a ranking that binds the commission.
///
/// Rules: each criterion measures the profile (`CodeCritere`); a criterion that `necessiteValidation` counts only
/// when its priority is validated (`PrioriteDeclaree.estValidee`); within a rubric, among the criteria flagged
/// `exclusifDansRubrique`, only the best counts (the first in the grid on a tie), as in Paris; the others add up.
public enum Cotation {
    /// The cotation of `profil` on `jour`, with the details of every criterion met.
    public static func calculer(profil: ProfilDemande, grille: GrilleCotation, au jour: Jour) -> ResultatCotation {
        let n = profil.noyau
        let regles = grille.regles
        let quantites = regles.map { $0.quantite(n, au: jour) }
        let valides = regles.map { $0.estValide(n) }
        let effectifs = regles.indices.map { valides[$0] ? regles[$0].pointsBruts(quantites[$0]) : 0 }
        // Per rubric, the exclusive criterion met with the most points (the first in the grid on a tie).
        var meilleur = [Int?](repeating: nil, count: grille.rubriques.count)
        for (i, regle) in regles.enumerated() where regle.exclusif && quantites[i] > 0 {
            if meilleur[regle.rubrique].map({ effectifs[$0] < effectifs[i] }) ?? true { meilleur[regle.rubrique] = i }
        }
        var details: [PointsCritere] = []
        var score = 0
        for (i, critere) in grille.criteres.enumerated() where quantites[i] > 0 {
            let regle = regles[i]
            var points = effectifs[i]
            var justification = critere.code.constat(profil, au: jour, seuil: critere.seuil) + " ; "
                + calcul(regle, quantites[i])
            if !valides[i] {
                // A priority code needs its own validation; other codes name the priority that validates them.
                let priorite = critere.code.valideePar.map {
                    $0 == critere.code.priorite ? "" : " (priorité « \($0.rawValue) » non validée)"
                }
                justification += " si validée ; validation requise\(priorite ?? "") : 0 point"
            } else if regle.exclusif, let gagnant = meilleur[regle.rubrique], gagnant != i {
                points = 0
                let rubrique = grille.rubriques[regle.rubrique].libelle
                let autre = grille.criteres[gagnant].libelle
                justification += " ; non cumulable dans la rubrique « \(rubrique) » avec « \(autre) » "
                    + "(\(effectifs[gagnant]) points) : 0 point"
            }
            score += points
            details.append(
                PointsCritere(
                    code: critere.code.rawValue, libelle: critere.libelle, rubrique: critere.rubrique, points: points,
                    justification: justification))
        }
        return ResultatCotation(score: score, version: grille.version, details: details)
    }

    /// The score alone, without building the details: same rules as `calculer`, nothing allocated on the heap.
    public static func score(profil: ProfilDemande, grille: GrilleCotation, au jour: Jour) -> Int {
        score(profil.noyau, grille, au: jour)
    }

    /// The fast score on a profile's core (used to rank every demande that passes the filters).
    static func score(_ n: NoyauProfil, _ grille: GrilleCotation, au jour: Jour) -> Int {
        grille.regles.withUnsafeBufferPointer { regles in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, grille.rubriques.count)) { meilleurs in
                meilleurs.initialize(repeating: 0)
                var score = 0
                for regle in regles {
                    let q = regle.quantite(n, au: jour)
                    guard q > 0, regle.estValide(n) else { continue }
                    let points = regle.pointsBruts(q)
                    if regle.exclusif {
                        meilleurs[regle.rubrique] = max(meilleurs[regle.rubrique], points)
                    } else {
                        score += points
                    }
                }
                return meilleurs.reduce(score, +)
            }
        }
    }

    private static func calcul(_ regle: RegleCritere, _ quantite: Int) -> String {
        let brut = regle.pointsBruts(quantite)
        switch regle.mode {
        case .ponctuel: return "\(brut) point\(brut > 1 ? "s" : "")"
        case .parMois, .parPersonne:
            let unite = regle.mode == .parMois ? "mois" : "personne(s)"
            let plafond = regle.plafond.map { " plafonné à \($0)" } ?? ""
            return "\(quantite) \(unite) × \(regle.points) point(s)\(plafond) = \(brut) point\(brut > 1 ? "s" : "")"
        }
    }
}
