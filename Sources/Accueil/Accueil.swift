import Foundation

/// A reception event at a point: a visit, a call or an appointment. Counted by pilotage on the civil day it
/// happened at the guichet (Europe/Paris), not the day it reached the server.
public struct Accueil: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var type: TypeAccueil
    /// When it happened, by the device's clock.
    public var le: Date
    public var guichetCode: String
    /// Agent identifier (initials or login), never a demandeur's data.
    public var agent: String
    /// Service level given.
    public var niveauService: Niveau
    public var objet: ObjetAccueil
    /// The demande concerned, by local id or by numéro unique (a point may receive any demandeur).
    public var demandeId: UUID?
    public var numeroUnique: NumeroUnique?
    public var orientationNiveau3: Bool
    /// Household with reduced mobility reported to the métropole's adapted-housing exchange.
    public var pmr: Bool
    /// Blocked priority situation reported to the métropole.
    public var prioriteBloquee: Bool
    public var dureeMinutes: Int?

    public init(
        id: UUID, type: TypeAccueil, le: Date, guichetCode: String, agent: String, niveauService: Niveau,
        objet: ObjetAccueil = .information, demandeId: UUID? = nil, numeroUnique: NumeroUnique? = nil,
        orientationNiveau3: Bool = false, pmr: Bool = false, prioriteBloquee: Bool = false, dureeMinutes: Int? = nil
    ) {
        self.id = id
        self.type = type
        self.le = le
        self.guichetCode = guichetCode
        self.agent = agent
        self.niveauService = niveauService
        self.objet = objet
        self.demandeId = demandeId
        self.numeroUnique = numeroUnique
        self.orientationNiveau3 = orientationNiveau3
        self.pmr = pmr
        self.prioriteBloquee = prioriteBloquee
        self.dureeMinutes = dureeMinutes
    }

    /// The Europe/Paris civil day of the event.
    public var jour: Jour { Jour(le, timeZone: .paris) }

    /// The actions this event requires of the recording point (niveau permissions).
    ///
    /// A point may only record a service of its own niveau or below: niveau 2 and up is the entretien simple,
    /// niveau 3 the rendez-vous personnalisé logement, whatever the channel.
    public var actionsRequises: Set<Action> {
        var a: Set<Action> = [.enregistrerAccueil]
        if orientationNiveau3 { a.insert(.orienterNiveau3) }
        if prioriteBloquee { a.insert(.signalerPrioriteBloquee) }
        if pmr { a.insert(.signalerPMR) }
        if niveauService >= .deux { a.insert(.entretienSimple) }
        if niveauService == .trois { a.insert(.rendezVousPersonnalise) }
        return a
    }
}

/// Kind of reception.
public enum TypeAccueil: String, Sendable, Hashable, Codable, CaseIterable {
    case visite, appel, rendezVous = "rdv"
}

/// What the reception was about.
public enum ObjetAccueil: String, Sendable, Hashable, Codable, CaseIterable {
    case information, depot, renouvellement, pieces, suivi, autre
}

extension TimeZone {
    /// The métropole's civil time zone; pilotage counts days in it (daylight-saving changes included).
    public static let paris = TimeZone(identifier: "Europe/Paris")!
}
