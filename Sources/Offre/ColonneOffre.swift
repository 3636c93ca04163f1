import Foundation

/// A column of the offers CSV file, named as in its header row (docs/OFFRES-CSV.md).
public enum ColonneOffre: String, Sendable, Hashable, Codable, CaseIterable {
    case reference, rpls
    case communeInsee = "commune_insee"
    case adresse, typologie, surface, loyer, charges, financement, etage, ascenseur, accessibilite
    case disponibleLe = "disponible_le"
    case reservataire

    /// Only `rpls` may be left out of the header and left empty; every other column is mandatory.
    public var estObligatoire: Bool { self != .rpls }

    /// The header row of a template file, every column in the documented order, `;`-separated.
    public static var enteteModele: String { allCases.map(\.rawValue).joined(separator: ";") }

    /// The column a header cell names, ignoring case, accents, blanks and punctuation (« Commune INSEE » → `commune_insee`).
    public init?(entete: String) {
        self.init(rawValue: Normalisation.cle(entete, separateur: "_"))
    }

    /// A valid value, quoted in the « missing value » message.
    var exemple: String {
        switch self {
        case .reference: "ACT-2026-0142"
        case .rpls: "vide"
        case .communeInsee: "38185 pour Grenoble"
        case .adresse: "12 avenue Ambroise Croizat"
        case .typologie: "T3"
        case .surface: "65"
        case .loyer: "390,50"
        case .charges: "95,00"
        case .financement: "PLUS"
        case .etage: "2"
        case .ascenseur: "oui"
        case .accessibilite: "aucun"
        case .disponibleLe: "2026-03-15 ou 15/03/2026"
        case .reservataire: "bailleur"
        }
    }
}

/// Comparison keys for header cells and enumerated values, so that « État », « etat » and « ETAT » read alike.
enum Normalisation {
    /// Lowercased, accents removed, each run of characters other than letters and digits replaced by `separateur`
    /// (none at either end). With an empty `separateur`, only letters and digits remain.
    static func cle(_ texte: String, separateur: String) -> String {
        // Folding goes through Foundation and is slow: ASCII text only needs lowercasing.
        let plie = texte.utf8.allSatisfy { $0 < 0x80 }
            ? texte.lowercased() : texte.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var cle = ""
        var coupure = false
        for c in plie {
            if c.isLetter || c.isNumber {
                if coupure && !cle.isEmpty { cle += separateur }
                cle.append(c)
                coupure = false
            } else {
                coupure = true
            }
        }
        return cle
    }
}

extension ImportOffres {
    /// The position of each known column in the header, or the errors that make the header unusable (all at once).
    static func analyserEntete(_ entete: EnregistrementCSV) -> (positions: [ColonneOffre: Int], erreurs: [ErreurLigne]) {
        var positions: [ColonneOffre: Int] = [:]
        var erreurs: [ErreurLigne] = []
        let liste = ColonneOffre.allCases.map(\.rawValue).joined(separator: ", ")
        for (index, cellule) in entete.champs.enumerated() {
            let nom = cellule.trimmingCharacters(in: .whitespacesAndNewlines)
            // A header cell left empty (a trailing separator, a column emptied in the spreadsheet) names nothing.
            if nom.isEmpty { continue }
            guard let colonne = ColonneOffre(entete: nom) else {
                var conseil = nom.contains("\u{FFFD}") ? " ; le fichier n'est sans doute pas en UTF-8 (enregistrez-le en « CSV UTF-8 »)" : ""
                if entete.champs.count == 1 { conseil += " ; le séparateur des colonnes doit être « ; » ou « , »" }
                erreurs.append(ErreurLigne(
                    ligne: entete.ligne, colonne: nom,
                    message: "colonne « \(nom) » inconnue (position \(index + 1)) : les colonnes sont \(liste)\(conseil)"))
                continue
            }
            if let premiere = positions[colonne] {
                erreurs.append(ErreurLigne(
                    ligne: entete.ligne, colonne: colonne.rawValue,
                    message: "colonne « \(colonne.rawValue) » en double (positions \(premiere + 1) et \(index + 1)) : gardez-en une seule"))
            } else {
                positions[colonne] = index
            }
        }
        for colonne in ColonneOffre.allCases where colonne.estObligatoire && positions[colonne] == nil {
            erreurs.append(ErreurLigne(
                ligne: entete.ligne, colonne: colonne.rawValue,
                message: "colonne obligatoire « \(colonne.rawValue) » absente de la ligne d'en-tête (exemple de valeur : \(colonne.exemple))"))
        }
        return (positions, erreurs)
    }
}
