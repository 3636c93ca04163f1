import Foundation

/// An estimate of the aide personnalisée au logement a household would receive in an offered dwelling, subtracted
/// from the housing cost in the taux d'effort (arrêté du 10 mars 2011: « … déduction faite de l'aide au logement »).
///
/// The real APL depends on the CAF's barème (loyer plafond by zone, forfait charges, participation personnelle
/// computed on the resources of N-2 …); that computation is **not in scope**. Every implementation here is an
/// **approximation** chosen by the métropole or the bailleur, and the `libelle` says which one was used.
public protocol EstimationAPL: Sendable {
    /// Estimated monthly aid for a dwelling of rent `loyer` and charges `charges`, for `personnes` persons with
    /// `ressourcesMensuelles`; never negative.
    func estimer(loyer: Euros, charges: Euros, personnes: Int, ressourcesMensuelles: Euros) -> Euros
    /// French description of the estimate, shown with the taux d'effort.
    var libelle: String { get }
}

/// No aid assumed (the default): the taux d'effort is then a pessimistic bound, never an optimistic one.
public struct AucuneAPL: EstimationAPL {
    /// Creates the null estimate.
    public init() {}

    /// Always zero.
    public func estimer(loyer: Euros, charges: Euros, personnes: Int, ressourcesMensuelles: Euros) -> Euros { .zero }

    /// « APL non estimée (0 €) ».
    public var libelle: String { "APL non estimée (0 €)" }
}

/// A fixed monthly amount per household size, from a table the caller supplies (for instance a local average of
/// the APL paid to new tenants by household size). An approximation: it ignores rent and resources.
public struct ForfaitAPL: EstimationAPL {
    /// Amount for 1, 2, 3 … persons; households larger than the table get its last amount.
    public let montantsParTaille: [Euros]
    /// Where the amounts come from, shown to agents.
    public let source: String

    /// Creates a table; an empty table estimates zero.
    public init(montantsParTaille: [Euros], source: String) {
        self.montantsParTaille = montantsParTaille
        self.source = source
    }

    /// The amount of the household size, capped at rent + charges, never negative.
    public func estimer(loyer: Euros, charges: Euros, personnes: Int, ressourcesMensuelles: Euros) -> Euros {
        guard let dernier = montantsParTaille.last else { return .zero }
        let montant = personnes >= 1 && personnes <= montantsParTaille.count ? montantsParTaille[personnes - 1] : dernier
        return min(max(montant, .zero), loyer + charges)
    }

    /// « APL forfaitaire estimée (source) ».
    public var libelle: String { "APL forfaitaire estimée (\(source))" }
}
