import Foundation

/// A commune of the métropole, as listed in `Resources/communes-gam.json` (docs/DOMAIN.md §8).
public struct Commune: Sendable, Hashable, Codable {
    /// INSEE code, five characters (`38185`).
    public var insee: String
    /// Official name (`Saint-Martin-d'Hères`).
    public var nom: String
    /// Municipal population of the reference year.
    public var population: Int
    /// Zone of the ceiling tables.
    public var zone: ZonePlafond
    /// True when the commune has at least one quartier prioritaire (a dwelling's own QPV status needs its address).
    public var qpv: Bool

    /// Creates a commune.
    public init(insee: String, nom: String, population: Int, zone: ZonePlafond, qpv: Bool) {
        self.insee = insee
        self.nom = nom
        self.population = population
        self.zone = zone
        self.qpv = qpv
    }
}

/// The communes of Grenoble-Alpes Métropole, read from the bundled `communes-gam.json`.
public struct ReferentielCommunes: Sendable {
    /// Every commune, in the file's order.
    public let communes: [Commune]
    private let parInsee: [String: Commune]

    /// The INSEE codes of every commune (for `ValidationDemande.problemes(_:au:communesConnues:)`).
    public var codesInsee: Set<String> { Set(parInsee.keys) }

    /// Loads the 49 communes shipped in the module's resources.
    /// - Throws: `ErreurReferentielCommunes.ressourceIntrouvable` or `.fichierInvalide`.
    public static func chargerMetropole() throws -> ReferentielCommunes {
        // `.copy("Resources")` keeps the folder itself, as for the ceilings (`TablePlafonds.chargerOfficielles`).
        guard let racine = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ErreurReferentielCommunes.ressourceIntrouvable(detail: "dossier Resources absent du bundle \(Bundle.module.bundlePath)")
        }
        let url = racine.appendingPathComponent("communes-gam.json")
        let donnees: Data
        do { donnees = try Data(contentsOf: url) } catch {
            throw ErreurReferentielCommunes.ressourceIntrouvable(detail: "\(url.path) : \(error.localizedDescription)")
        }
        return try ReferentielCommunes(json: donnees)
    }

    /// Decodes and checks a file in the schema of `communes-gam.json`: at least one commune, valid and unique INSEE codes.
    /// - Throws: `ErreurReferentielCommunes.fichierInvalide`.
    public init(json donnees: Data) throws {
        struct Fichier: Decodable { let communes: [Commune] }
        let communes: [Commune]
        do { communes = try JSONDecoder().decode(Fichier.self, from: donnees).communes } catch {
            throw ErreurReferentielCommunes.fichierInvalide(detail: "JSON illisible : \(error)")
        }
        try self.init(communes: communes)
    }

    /// Builds a referential from a list of communes.
    /// - Throws: `ErreurReferentielCommunes.fichierInvalide` when the list is empty, a code is malformed or repeated.
    public init(communes: [Commune]) throws {
        guard !communes.isEmpty else { throw ErreurReferentielCommunes.fichierInvalide(detail: "aucune commune") }
        var parInsee: [String: Commune] = [:]
        for commune in communes {
            guard CodeInsee.estValide(commune.insee) else {
                throw ErreurReferentielCommunes.fichierInvalide(detail: "code INSEE invalide « \(commune.insee) » (\(commune.nom))")
            }
            guard parInsee.updateValue(commune, forKey: commune.insee) == nil else {
                throw ErreurReferentielCommunes.fichierInvalide(detail: "code INSEE \(commune.insee) en double")
            }
        }
        self.communes = communes
        self.parInsee = parInsee
    }

    /// The commune of an INSEE code (surrounding spaces and case ignored), or nil outside the métropole.
    public func commune(insee: String) -> Commune? {
        parInsee[insee.trimmingCharacters(in: .whitespaces).uppercased()]
    }
}

/// Why the communes referential could not be loaded, with a French message.
public enum ErreurReferentielCommunes: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bundled file could not be found or read.
    case ressourceIntrouvable(detail: String)
    /// The file is not valid JSON, or its content fails a check.
    case fichierInvalide(detail: String)

    /// French message for logs and agents.
    public var description: String {
        switch self {
        case let .ressourceIntrouvable(detail): "Référentiel des communes introuvable : \(detail)"
        case let .fichierInvalide(detail): "Référentiel des communes invalide : \(detail)"
        }
    }
}
