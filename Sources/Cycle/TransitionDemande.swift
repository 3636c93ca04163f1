import Foundation

/// A change of state of a demande, with what it needs.
public enum TransitionDemande: Sendable, Hashable, Codable {
    /// brouillon → déposée.
    case deposer(le: Jour)
    /// déposée → enregistrée, with the numéro unique the registering service assigned.
    case enregistrer(numero: NumeroUnique, le: Jour)
    /// enregistrée/renouvelée → renouvelée.
    case renouveler(le: Jour)
    /// enregistrée/renouvelée → attribuée (bail signed: radiation motif a).
    case attribuer(le: Jour)
    /// déposée/enregistrée/renouvelée → radiée.
    case radier(Radiation)
    /// radiée (non-renouvellement or non-réponse) → renouvelée, within the tolerance window.
    case reactiver(le: Jour)

    /// Short name, used in audit records and error codes.
    public var nom: String {
        switch self {
        case .deposer: "deposer"
        case .enregistrer: "enregistrer"
        case .renouveler: "renouveler"
        case .attribuer: "attribuer"
        case .radier: "radier"
        case .reactiver: "reactiver"
        }
    }
}

/// An illegal transition: the state it was tried from, the transition, and a French reason an agent can act on.
public struct TransitionInterdite: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable code (docs/PROTOCOL.md).
    public enum Code: String, Sendable, Hashable, Codable {
        case etatIncompatible, dateAnterieure, dateFuture, renouvellementPasEncoreOuvert, delaiDepasse,
            sousMotifManquant, sousMotifInattendu, radiationPrematuree, motifNonReactivable
    }

    public let code: Code
    public let depuis: StatutDemande
    public let transition: String
    public let message: String

    public var description: String { "transition \(transition) interdite depuis \(depuis.rawValue) (\(code.rawValue))" }
}
