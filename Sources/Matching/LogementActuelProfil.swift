import Foundation

/// The facts of the current dwelling that the cotation uses (CERFA page 8), with the housing cost already net.
public struct LogementActuelProfil: Sendable, Hashable {
    /// Housing situation.
    public let situation: SituationLogement
    /// Persons living there (box F23).
    public let occupants: Int
    /// Habitable surface in m², when known.
    public let surface: Int?
    /// Main rooms, when known.
    public let pieces: Int?
    /// Monthly rent + charges − aide au logement (never below zero); nil when no rent is declared.
    public let coutNet: Euros?
    /// Declared non-décent (box F26).
    public let nonDecent: Bool
    /// Declared indigne (box F27).
    public let indigne: Bool

    /// Reads the current dwelling of a demande.
    public init(_ logement: LogementActuel) {
        situation = logement.situation
        occupants = logement.nombreOccupants
        surface = logement.surfaceHabitable
        pieces = logement.nombrePieces
        coutNet = logement.loyer.map { loyer in
            let cout = loyer + (logement.charges ?? .zero) - (logement.aideLogement ?? .zero)
            return max(cout, .zero)
        }
        nonDecent = logement.nonDecent
        indigne = logement.indigne
    }
}
