import Foundation

/// Thresholds of the `loyer` filter. Their defaults are **practice, not law** (docs/DOMAIN.md « Rapprochement et
/// cotation »): the arrêté du 10 mars 2011 defines how the taux d'effort is computed, not a maximum.
public struct ParametresSolvabilite: Sendable {
    /// Highest taux d'effort accepted, in percent (default 33: the State's ALPAF « loyer trop élevé » mark;
    /// bailleurs use 20 to 35, domain.md §8). The bound itself passes.
    public var tauxEffortMaximumPourcent: Int
    /// Lowest reste à vivre per person and per day (default 12 €, inside the 10–15 € alert range cited by
    /// practitioners, domain.md §8). The bound itself passes.
    public var resteAVivreMinimumParJour: Euros
    /// Days per month to turn a monthly reste à vivre into a daily one (default 30).
    public var joursParMois: Int
    /// How the APL in the offered dwelling is estimated (default `AucuneAPL`).
    public var apl: any EstimationAPL

    /// Creates thresholds; every default is documented above.
    public init(
        tauxEffortMaximumPourcent: Int = 33, resteAVivreMinimumParJour: Euros = 12, joursParMois: Int = 30,
        apl: any EstimationAPL = AucuneAPL()
    ) {
        self.tauxEffortMaximumPourcent = tauxEffortMaximumPourcent
        self.resteAVivreMinimumParJour = resteAVivreMinimumParJour
        self.joursParMois = max(1, joursParMois)
        self.apl = apl
    }
}

/// Everything a bailleur or the métropole may configure in the hard filters.
public struct ParametresRapprochement: Sendable {
    /// Persons per typology (`Filtre.occupation`).
    public var occupation: ReglesOccupation
    /// Solvency thresholds and APL estimate (`Filtre.loyer`).
    public var solvabilite: ParametresSolvabilite

    /// Creates parameters; the defaults are the documented examples.
    public init(occupation: ReglesOccupation = .exemple, solvabilite: ParametresSolvabilite = ParametresSolvabilite()) {
        self.occupation = occupation
        self.solvabilite = solvabilite
    }
}
