import Foundation

/// The persons who will live in the dwelling, as the ceiling rules count them (arrêté du 29 juillet 1987 art. 1–2).
///
/// Every person living in the home counts (CCH L442-12): the demandeur, the co-demandeur, the personnes
/// à charge, and any other occupant. Children under a droit de visite et d'hébergement count as persons
/// (L442-12 as amended by the loi ÉLAN, service-public.fr F869) but are not à charge: enter them as
/// `.autreOccupant` (decision recorded in docs/DOMAIN.md).
public struct CompositionMenage: Sendable, Hashable, Codable {
    /// Everyone who will live in the dwelling, demandeur included.
    public var personnes: [PersonneMenage]
    /// Married, PACS or concubins: the only households that may be a « jeune ménage ».
    public var estCouple: Bool

    /// Creates a composition.
    public init(personnes: [PersonneMenage], estCouple: Bool) {
        self.personnes = personnes
        self.estCouple = estCouple
    }

    /// Number of persons to house.
    public var nombrePersonnes: Int { personnes.count }

    /// Number of personnes à charge.
    public var nombrePersonnesACharge: Int { personnes.filter { $0.role == .personneACharge }.count }
}

/// One person of the household, with what the ceiling rules need to know about them.
public struct PersonneMenage: Sendable, Hashable, Codable {
    /// Place of a person in the household.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// The applicant.
        case demandeur
        /// Spouse, partner or other co-holder of the future lease.
        case coDemandeur
        /// Fiscal dependant: child under 21 (under 25 if student), person with a handicap, on the tax notices.
        case personneACharge
        /// Anyone else living in the home without being à charge: a parent of the demandeur, a child under
        /// a droit de visite et d'hébergement.
        case autreOccupant
    }

    /// Place in the household.
    public var role: Role
    /// Birth date; needed only for the jeune-ménage rule (sum of ages of the couple).
    public var dateNaissance: Date?
    /// Holder of the carte mobilité inclusion mention « invalidité » (or the former carte d'invalidité).
    public var handicap: Bool

    /// Creates a person.
    public init(role: Role, dateNaissance: Date? = nil, handicap: Bool = false) {
        self.role = role
        self.dateNaissance = dateNaissance
        self.handicap = handicap
    }
}
