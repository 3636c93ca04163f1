import Foundation

/// The dates derived from a demande's anchor (date de dépôt initial or last renewal), per CCH R441-2-7 and the
/// SNE tolerance of the arrêté du 23 mars 2015 §6.1. All periods run "de quantième à quantième" (`Jour.ajoutant`).
///
/// Decision (docs/DOMAIN.md): radiation and reactivation limits are computed from the anchor (t + 13 and t + 18
/// months), not from the end of validity; from a 29 February anchor they differ by one day from "end + 1 month".
public struct Echeances: Sendable, Hashable, Codable {
    /// Date de dépôt initial or date of the last renewal.
    public let ancrage: Jour
    /// Renewal opens at the start of the 10th month (service-public F32880: renew between the 10th and 12th month).
    public let ouvertureRenouvellement: Jour
    /// Préavis sent at least one month before expiry (R441-2-7).
    public let preavis: Jour
    /// Validity: one year from the initial presentation or the last renewal (R441-2-7).
    public let finValidite: Jour
    /// Radiated for non-renewal one month after the end of validity (t + 13 months).
    public let radiationAutomatique: Jour
    /// Reactivation with number and ancienneté kept until t + 18 months.
    public let limiteReactivation: Jour

    public init(ancrage: Jour) {
        self.ancrage = ancrage
        self.ouvertureRenouvellement = ancrage.ajoutant(mois: 9)
        self.finValidite = ancrage.ajoutant(mois: 12)
        self.preavis = finValidite.ajoutant(mois: -1)
        self.radiationAutomatique = ancrage.ajoutant(mois: 13)
        self.limiteReactivation = ancrage.ajoutant(mois: 18)
    }

    /// The échéances of a demande, or nil before its dépôt.
    public init?(_ demande: Demande) {
        guard let ancrage = demande.dates.dernierRenouvellement ?? demande.dates.depot else { return nil }
        self.init(ancrage: ancrage)
    }
}

extension Demande {
    /// Ancienneté in whole months from the date de dépôt initial (survives renewals).
    public func ancienneteMois(au jour: Jour) -> Int {
        guard let depot = dates.depot else { return 0 }
        return depot.moisRevolus(jusqua: jour)
    }
}
