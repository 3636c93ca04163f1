/// Why a ceiling table could not be loaded or a ceiling could not be given; each case names the file,
/// year, financement and zone at fault so that a wrong data file is fixed, not guessed at.
public enum ErreurPlafonds: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON could not be decoded (syntax, missing or mistyped key).
    case fichierIllisible(fichier: String, annee: Int?, detail: String)
    /// A top-level value is out of range (year, verification date).
    case enteteInvalide(fichier: String, annee: Int?, detail: String)
    /// A financement or zone key that the code does not know (a typo would otherwise be ignored).
    case cleInconnue(fichier: String, annee: Int, cle: String)
    /// One of PLAI, PLUS, PLS is absent.
    case financementManquant(fichier: String, annee: Int, financement: Financement)
    /// One of the three zones is absent for a financement.
    case zoneManquante(fichier: String, annee: Int, financement: Financement, zone: ZonePlafond)
    /// A row does not have six increasing positive amounts and a positive per-person amount.
    case ligneInvalide(fichier: String, annee: Int, financement: Financement, zone: ZonePlafond, detail: String)
    /// Two files give the same year.
    case anneeEnDouble(annee: Int, fichiers: [String])
    /// No table is loaded for the year asked.
    case anneeIndisponible(annee: Int, disponibles: [Int])
    /// A catégorie outside 1...6, or persons beyond six on a catégorie below 6.
    case categorieInvalide(categorie: Int, personnesSupplementaires: Int)
    /// The bundled resources could not be found or listed.
    case ressourcesIntrouvables(detail: String)

    /// French message for logs and agents.
    public var description: String {
        switch self {
        case let .fichierIllisible(fichier, annee, detail):
            return "Plafonds : fichier \(fichier)\(annee.map { " (année \($0))" } ?? "") illisible : \(detail)"
        case let .enteteInvalide(fichier, annee, detail):
            return "Plafonds : fichier \(fichier)\(annee.map { " (année \($0))" } ?? "") invalide : \(detail)"
        case let .cleInconnue(fichier, annee, cle):
            return "Plafonds : fichier \(fichier), année \(annee) : clé inconnue « \(cle) »"
        case let .financementManquant(fichier, annee, financement):
            return "Plafonds : fichier \(fichier), année \(annee) : financement \(financement.rawValue) absent"
        case let .zoneManquante(fichier, annee, financement, zone):
            return "Plafonds : fichier \(fichier), année \(annee), \(financement.rawValue) : zone \(zone.rawValue) absente"
        case let .ligneInvalide(fichier, annee, financement, zone, detail):
            return "Plafonds : fichier \(fichier), année \(annee), \(financement.rawValue), zone \(zone.rawValue) : \(detail)"
        case let .anneeEnDouble(annee, fichiers):
            return "Plafonds : l'année \(annee) est donnée par plusieurs fichiers (\(fichiers.joined(separator: ", ")))"
        case let .anneeIndisponible(annee, disponibles):
            let liste = disponibles.isEmpty ? "aucune" : disponibles.map(String.init).joined(separator: ", ")
            return "Plafonds \(annee) non chargés (années disponibles : \(liste))"
        case let .categorieInvalide(categorie, supplementaires):
            return "Catégorie de ménage invalide : \(categorie) avec \(supplementaires) personne(s) supplémentaire(s)"
        case let .ressourcesIntrouvables(detail):
            return "Plafonds : ressources introuvables : \(detail)"
        }
    }
}
