import Foundation

/// Reads a bailleur's CSV file of vacant dwellings into offers and line errors, without any side effect.
///
/// Format and messages: docs/OFFRES-CSV.md. UTF-8 text (a leading BOM is dropped), `;` or `,` separator taken from
/// the header line, RFC 4180 quoting, a header row naming the columns in any order. Every line is either an offer or
/// one error per bad column: the caller chooses between « all or nothing » and a partial import.
public enum ImportOffres {
    /// Reads `csv` for the guichet `bailleur`; communes are checked against `referentiel`, dates against `jour`.
    public static func analyser(_ csv: String, bailleur: String, referentiel: ReferentielCommunes, au jour: Jour) -> ResultatImport {
        let texte = csv.unicodeScalars.first == "\u{FEFF}" ? String(csv.unicodeScalars.dropFirst()) : csv
        let lecture = LecteurCSV.lire(texte, separateur: LecteurCSV.separateur(texte))
        let enregistrements = lecture.enregistrements.filter { !$0.estVide }
        guard let entete = enregistrements.first else {
            let erreur = lecture.guillemetNonFerme.map { guillemetNonFerme($0, colonne: "") }
                ?? ErreurLigne(ligne: 1, colonne: "", message: "fichier vide : la première ligne doit nommer les colonnes, \(ColonneOffre.enteteModele)")
            return ResultatImport(offres: [], erreurs: [erreur])
        }
        let (positions, erreursEntete) = analyserEntete(entete)
        guard erreursEntete.isEmpty else { return ResultatImport(offres: [], erreurs: erreursEntete) }

        // Columns up to the last named one; beyond, only empty cells are allowed (trailing separators).
        let largeur = (entete.champs.lastIndex { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? 0) + 1
        let lignes = enregistrements.dropFirst()
        var lignesParReference: [String: [Int]] = [:]
        for ligne in lignes where aLaBonneLargeur(ligne, largeur) {
            let reference = ligne.champs[positions[.reference]!].trimmingCharacters(in: .whitespacesAndNewlines)
            if !reference.isEmpty { lignesParReference[reference, default: []].append(ligne.ligne) }
        }

        var offres: [LigneOffre] = []
        var erreurs: [ErreurLigne] = []
        for ligne in lignes {
            guard aLaBonneLargeur(ligne, largeur) else {
                let conseil = ligne.champs.count > largeur
                    ? "une valeur contient sans doute le séparateur : entourez-la de guillemets"
                    : "chaque ligne doit avoir une valeur par colonne, même vide"
                erreurs.append(ErreurLigne(
                    ligne: ligne.ligne, colonne: "", message: "\(ligne.champs.count) valeurs au lieu de \(largeur) : \(conseil)"))
                continue
            }
            let lecteur = LecteurLigne(
                enregistrement: ligne, positions: positions, lignesParReference: lignesParReference, bailleur: bailleur,
                referentiel: referentiel, jour: jour)
            switch lecteur.lire() {
            case let .success(offre): offres.append(LigneOffre(ligne: ligne.ligne, offre: offre))
            case let .failure(refus): erreurs += refus.erreurs
            }
        }
        if let ouvert = lecture.guillemetNonFerme {
            let index = entete.champs.indices.contains(ouvert.champ) ? ouvert.champ : nil
            let colonne = index.flatMap { i in positions.first { $0.value == i }?.key.rawValue } ?? ""
            erreurs.append(guillemetNonFerme(ouvert, colonne: colonne))
        } else if lignes.isEmpty {
            erreurs.append(ErreurLigne(ligne: entete.ligne, colonne: "", message: "aucune offre : le fichier n'a que la ligne d'en-tête"))
        }
        return ResultatImport(offres: offres, erreurs: erreurs)
    }

    private static func aLaBonneLargeur(_ ligne: EnregistrementCSV, _ largeur: Int) -> Bool {
        ligne.champs.count >= largeur && ligne.champs[largeur...].allSatisfy { $0.allSatisfy(\.isWhitespace) }
    }

    private static func guillemetNonFerme(_ ouvert: LecteurCSV.GuillemetNonFerme, colonne: String) -> ErreurLigne {
        ErreurLigne(
            ligne: ouvert.ligne, colonne: colonne,
            message: "guillemet ouvert jamais fermé : la suite du fichier est illisible ; "
                + "un guillemet à l'intérieur d'une valeur entre guillemets s'écrit deux fois (\"\")")
    }
}

/// What a file gave: the offers of its valid lines and the errors of the others, both in the file's order.
public struct ResultatImport: Sendable, Hashable, Codable {
    public let offres: [LigneOffre]
    public let erreurs: [ErreurLigne]

    /// Creates a result.
    public init(offres: [LigneOffre], erreurs: [ErreurLigne]) {
        self.offres = offres
        self.erreurs = erreurs
    }
}

/// A valid line and the offer it describes.
public struct LigneOffre: Sendable, Hashable, Codable {
    /// Line of the file where the offer starts (1 = header).
    public let ligne: Int
    public let offre: OffreImportee

    /// Creates a line.
    public init(ligne: Int, offre: OffreImportee) {
        self.ligne = ligne
        self.offre = offre
    }
}

/// One problem of the file, for the bailleur to fix: a line, a column and a French message.
public struct ErreurLigne: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Line of the file (1 = header): where the record starts when a quoted value spans several lines.
    public let ligne: Int
    /// Column name as documented (`loyer`), the header cell for an unknown column, or empty for the whole line or file.
    public let colonne: String
    /// What is wrong and what to write instead, in French.
    public let message: String

    /// Creates an error.
    public init(ligne: Int, colonne: String, message: String) {
        self.ligne = ligne
        self.colonne = colonne
        self.message = message
    }

    /// « ligne 4, colonne loyer : … », as a command-line tool prints it.
    public var description: String {
        colonne.isEmpty ? "ligne \(ligne) : \(message)" : "ligne \(ligne), colonne \(colonne) : \(message)"
    }
}
