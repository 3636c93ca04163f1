import Foundation

/// The official ceilings of every loaded year, read from `Resources/plafonds/<année>.json`.
///
/// A new year of ceilings is a new data file, not new code (docs/DOMAIN.md, « Plafonds de ressources »).
public struct TablePlafonds: Sendable, Hashable {
    /// Barèmes by year.
    public let baremes: [Int: BaremePlafonds]

    /// Loaded years, in increasing order.
    public var annees: [Int] { baremes.keys.sorted() }

    /// Loads every `plafonds/*.json` shipped in the module's resources.
    public static func chargerOfficielles() throws -> TablePlafonds {
        // `.copy("Resources")` keeps the folder itself: files sit under <bundle>/Resources/plafonds/.
        guard let racine = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ErreurPlafonds.ressourcesIntrouvables(detail: "dossier Resources absent du bundle \(Bundle.module.bundlePath)")
        }
        let dossier = racine.appendingPathComponent("plafonds", isDirectory: true)
        let urls: [URL]
        do {
            urls = try FileManager.default.contentsOfDirectory(at: dossier, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw ErreurPlafonds.ressourcesIntrouvables(detail: "\(dossier.path) : \(error.localizedDescription)")
        }
        guard !urls.isEmpty else { throw ErreurPlafonds.ressourcesIntrouvables(detail: "aucun fichier dans \(dossier.path)") }
        var donnees: [Data] = []
        for url in urls {
            do { donnees.append(try Data(contentsOf: url)) } catch {
                throw ErreurPlafonds.ressourcesIntrouvables(detail: "\(url.path) : \(error.localizedDescription)")
            }
        }
        return try TablePlafonds(fichiers: donnees, noms: urls.map(\.lastPathComponent))
    }

    /// Decodes and validates files in the schema of `Resources/plafonds/2026.json`; `noms` name them in
    /// errors (default « fichier n°1 », …). Throws `ErreurPlafonds` on a malformed or incomplete file.
    public init(fichiers: [Data], noms: [String] = []) throws {
        var baremes: [Int: BaremePlafonds] = [:]
        var origine: [Int: String] = [:]
        for (i, donnees) in fichiers.enumerated() {
            let nom = i < noms.count ? noms[i] : "fichier n°\(i + 1)"
            let bareme = try TablePlafonds.decoder(donnees, nom: nom)
            if let autre = origine[bareme.annee] {
                throw ErreurPlafonds.anneeEnDouble(annee: bareme.annee, fichiers: [autre, nom])
            }
            origine[bareme.annee] = nom
            baremes[bareme.annee] = bareme
        }
        self.baremes = baremes
    }

    /// The barème of a year; throws `anneeIndisponible` when it is not loaded.
    public func bareme(annee: Int) throws -> BaremePlafonds {
        guard let bareme = baremes[annee] else {
            throw ErreurPlafonds.anneeIndisponible(annee: annee, disponibles: annees)
        }
        return bareme
    }

    /// The row of a year, financement and zone, with its source.
    public func ligne(annee: Int, financement: Financement, zone: ZonePlafond) throws -> LignePlafonds {
        try bareme(annee: annee).ligne(financement, zone)
    }

    /// Annual ceiling in whole euros: the catégorie's amount, plus, beyond catégorie 6, the per-person
    /// amount times the number of extra persons (arrêté du 29 juillet 1987, annexes I and II).
    public func plafond(annee: Int, financement: Financement, zone: ZonePlafond, categorie: CategorieMenage) throws -> Int {
        let c = categorie.categorie
        let n = categorie.personnesSupplementaires
        guard (1...6).contains(c), n >= 0, n == 0 || c == 6 else {
            throw ErreurPlafonds.categorieInvalide(categorie: c, personnesSupplementaires: n)
        }
        let ligne = try ligne(annee: annee, financement: financement, zone: zone)
        return ligne.categories[c - 1] + n * ligne.parPersonneSupplementaire
    }

    // MARK: - Decoding

    private struct Fichier: Decodable {
        let annee: Int
        let texte: String
        let verifieLe: String
        let financements: [String: [String: LignePlafonds]]
    }

    private struct Entete: Decodable { let annee: Int? }

    private static func decoder(_ donnees: Data, nom: String) throws -> BaremePlafonds {
        let fichier: Fichier
        do {
            fichier = try JSONDecoder().decode(Fichier.self, from: donnees)
        } catch let erreur as DecodingError {
            // The year, when readable, helps find the file among several.
            let annee = (try? JSONDecoder().decode(Entete.self, from: donnees))?.annee
            throw ErreurPlafonds.fichierIllisible(fichier: nom, annee: annee, detail: decrire(erreur))
        } catch {
            throw ErreurPlafonds.fichierIllisible(fichier: nom, annee: nil, detail: error.localizedDescription)
        }
        let annee = fichier.annee
        guard (1987...2200).contains(annee) else {
            throw ErreurPlafonds.enteteInvalide(fichier: nom, annee: annee, detail: "année hors de 1987...2200")
        }
        guard fichier.verifieLe.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
            throw ErreurPlafonds.enteteInvalide(fichier: nom, annee: annee, detail: "verifieLe attendu au format AAAA-MM-JJ")
        }
        for cle in fichier.financements.keys.sorted() where Financement(rawValue: cle) == nil {
            throw ErreurPlafonds.cleInconnue(fichier: nom, annee: annee, cle: cle)
        }
        var lignes: [Financement: [ZonePlafond: LignePlafonds]] = [:]
        for financement in Financement.allCases {
            guard let zones = fichier.financements[financement.rawValue] else {
                throw ErreurPlafonds.financementManquant(fichier: nom, annee: annee, financement: financement)
            }
            for cle in zones.keys.sorted() where ZonePlafond(rawValue: cle) == nil {
                throw ErreurPlafonds.cleInconnue(fichier: nom, annee: annee, cle: "\(financement.rawValue).\(cle)")
            }
            for zone in ZonePlafond.allCases {
                guard let ligne = zones[zone.rawValue] else {
                    throw ErreurPlafonds.zoneManquante(fichier: nom, annee: annee, financement: financement, zone: zone)
                }
                if let defaut = ligne.defaut {
                    throw ErreurPlafonds.ligneInvalide(
                        fichier: nom, annee: annee, financement: financement, zone: zone, detail: defaut)
                }
                lignes[financement, default: [:]][zone] = ligne
            }
        }
        return BaremePlafonds(annee: annee, texte: fichier.texte, verifieLe: fichier.verifieLe, lignes: lignes)
    }

    private static func decrire(_ erreur: DecodingError) -> String {
        func chemin(_ c: [any CodingKey]) -> String {
            c.isEmpty ? "racine" : c.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch erreur {
        case let .keyNotFound(cle, contexte):
            return "clé « \(cle.stringValue) » absente en \(chemin(contexte.codingPath))"
        case let .typeMismatch(_, contexte), let .valueNotFound(_, contexte):
            return "valeur de type inattendu en \(chemin(contexte.codingPath))"
        case let .dataCorrupted(contexte):
            return "JSON invalide en \(chemin(contexte.codingPath)) : \(contexte.debugDescription)"
        @unknown default:
            return "\(erreur)"
        }
    }
}
