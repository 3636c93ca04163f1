import Foundation

/// A cotation grid (CCH L441-2-8, décret n° 2019-1378): versioned criteria with their points, rubrics and rules,
/// read from a JSON data file. The métropole's grid is a new file, not new code.
///
/// The bundled `Resources/cotation/grille-exemple-2026.json` is an **EXAMPLE** to be replaced by the grid of the
/// métropole's PPGD (Grenoble-Alpes Métropole's grid was not found); its weights are inspired by Lyon, Paris,
/// Rennes and Dunkerque (docs/DOMAIN.md « Rapprochement et cotation »).
public struct GrilleCotation: Sendable, Hashable {
    /// Version stored with every score, e.g. « exemple-2026.1 ».
    public let version: String
    /// Title of the grid.
    public let titre: String
    /// Warning shown with the grid (the example says it is one).
    public let avertissement: String
    /// First day the grid applies, when given.
    public let dateEffet: Jour?
    /// The grids or texts that inspired this one.
    public let inspirations: [String]
    /// Rubrics, in the file's order.
    public let rubriques: [RubriqueCotation]
    /// Criteria, in the file's order (ties in exclusive rubrics go to the first).
    public let criteres: [CritereCotation]
    /// The criteria as plain values, for the fast score.
    let regles: [RegleCritere]

    /// Loads the bundled example grid.
    /// - Throws: `ErreurGrilleCotation`.
    public static func chargerExemple() throws -> GrilleCotation {
        try GrilleCotation(json: jsonExemple())
    }

    /// The bytes of the bundled example grid, e.g. to publish the criteria and weights to demandeurs.
    /// - Throws: `ErreurGrilleCotation.ressourceIntrouvable`.
    public static func jsonExemple() throws -> Data {
        // `.copy("Resources")` keeps the folder itself, as for the ceilings (`TablePlafonds.chargerOfficielles`).
        guard let racine = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ErreurGrilleCotation.ressourceIntrouvable(
                detail: "dossier Resources absent du bundle \(Bundle.module.bundlePath)")
        }
        let url = racine.appendingPathComponent("cotation/grille-exemple-2026.json")
        do { return try Data(contentsOf: url) } catch {
            throw ErreurGrilleCotation.ressourceIntrouvable(detail: "\(url.path) : \(error.localizedDescription)")
        }
    }

    /// Decodes and checks a grid in the schema of `grille-exemple-2026.json`.
    /// - Throws: `ErreurGrilleCotation` naming the criterion and the field at fault.
    public init(json donnees: Data) throws {
        self = try GrilleCotation.decoder(donnees)
    }

    /// Builds a grid from checked parts (used by the decoder).
    init(
        version: String, titre: String, avertissement: String, dateEffet: Jour?, inspirations: [String],
        rubriques: [RubriqueCotation], criteres: [CritereCotation]
    ) {
        self.version = version
        self.titre = titre
        self.avertissement = avertissement
        self.dateEffet = dateEffet
        self.inspirations = inspirations
        self.rubriques = rubriques
        self.criteres = criteres
        regles = criteres.map { c in RegleCritere(c, rubrique: rubriques.firstIndex { $0.code == c.rubrique }!) }
    }
}

/// A rubric of a grid: criteria about the same aspect of the situation (housing, family, …).
public struct RubriqueCotation: Sendable, Hashable {
    /// Code referenced by the criteria.
    public let code: String
    /// French label.
    public let libelle: String
}

/// How a criterion turns its measure into points.
public enum ModeCritere: String, Sendable, Hashable, CaseIterable {
    /// `points` once when the criterion is met.
    case ponctuel
    /// `points` per month of ancienneté, capped by `plafond`.
    case parMois
    /// `points` per person, capped by `plafond`.
    case parPersonne
}

/// One criterion of a grid.
public struct CritereCotation: Sendable, Hashable {
    /// Rule computed (`CodeCritere`).
    public let code: CodeCritere
    /// Rubric code.
    public let rubrique: String
    /// French label shown to agents and demandeurs.
    public let libelle: String
    /// Points (per unit for `parMois` and `parPersonne`), zero or more.
    public let points: Int
    /// How points are counted.
    public let mode: ModeCritere
    /// Cap on the criterion's points, when given.
    public let plafond: Int?
    /// Threshold of the codes that take one (`CodeCritere.seuilAttendu`).
    public let seuil: Int?
    /// Within its rubric, only the best of the exclusive criteria met counts (Paris rule).
    public let exclusifDansRubrique: Bool
    /// Counts only once validated (`CodeCritere.valideePar`).
    public let necessiteValidation: Bool
    /// Source or inspiration of the criterion and its weight.
    public let source: String
}
