import Foundation

/// Occupancy norms of the current dwelling, used by the sur-occupation criteria of the cotation.
public enum Peuplement {
    /// Smallest habitable surface (m²) not over-occupied for `occupants` persons: 9 m² for one, 16 m² for two,
    /// 9 m² more per additional person, capped at 70 m² from 8 persons (aides au logement and DALO
    /// « surpeuplement », domain.md §8, CONFIRMED-secondary). 0 for no occupant.
    public static func surfaceMinimale(occupants: Int) -> Int {
        switch occupants {
        case ..<1: 0
        case 1: 9
        default: min(70, 16 + 9 * (occupants - 2))
        }
    }

    /// Main rooms a household of `occupants` persons needs: one for a person alone, otherwise a living room plus
    /// one bedroom per two persons. A simplification of the INSEE norm (which looks at couples, ages and sexes,
    /// domain.md §8), UNCONFIRMED as a rule: it counts a family of four in two rooms as over-occupied, as Paris does.
    public static func piecesNecessaires(occupants: Int) -> Int {
        occupants <= 1 ? max(0, occupants) : 1 + (occupants + 1) / 2
    }
}
