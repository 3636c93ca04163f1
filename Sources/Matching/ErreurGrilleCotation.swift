import Foundation

/// Why a cotation grid was refused; each case names the criterion (its code, or its position when the code is
/// missing) and the field at fault, so that a wrong grid is fixed, not guessed at.
public enum ErreurGrilleCotation: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bundled file could not be found or read.
    case ressourceIntrouvable(detail: String)
    /// Not JSON, or a value of the wrong type.
    case fichierIllisible(detail: String)
    /// `version` absent or empty.
    case versionManquante
    /// A header field (`titre`, `dateEffet` …) absent or malformed.
    case enteteInvalide(champ: String, detail: String)
    /// No criterion at all.
    case aucunCritere
    /// A rubric without code or label.
    case rubriqueInvalide(rubrique: String, champ: String)
    /// Two rubrics with the same code.
    case rubriqueEnDouble(rubrique: String)
    /// A required field of a criterion is absent.
    case champManquant(critere: String, champ: String)
    /// A text field of a criterion is empty.
    case champVide(critere: String, champ: String)
    /// A code the engine does not compute.
    case critereInconnu(critere: String)
    /// Two criteria with the same code.
    case codeEnDouble(critere: String)
    /// Negative points.
    case pointsNegatifs(critere: String, points: Int)
    /// A rubric not declared in `rubriques`.
    case rubriqueInconnue(critere: String, rubrique: String)
    /// A mode outside `ModeCritere`.
    case modeInconnu(critere: String, mode: String)
    /// A mode that does not fit what the code measures.
    case modeIncompatible(critere: String, mode: String, attendu: String)
    /// A negative cap.
    case plafondInvalide(critere: String, plafond: Int)
    /// A code that needs a threshold has none.
    case seuilManquant(critere: String, attendu: String)
    /// A threshold out of range.
    case seuilInvalide(critere: String, seuil: Int, attendu: String)
    /// A threshold given to a code that takes none.
    case seuilSansObjet(critere: String)
    /// `necessiteValidation` on a criterion nothing can validate.
    case validationImpossible(critere: String)

    /// French message for logs and agents.
    public var description: String {
        let g = "Grille de cotation"
        switch self {
        case let .ressourceIntrouvable(detail): return "\(g) introuvable : \(detail)"
        case let .fichierIllisible(detail): return "\(g) illisible : \(detail)"
        case .versionManquante: return "\(g) : champ « version » absent ou vide, la version est enregistrée avec chaque score"
        case let .enteteInvalide(champ, detail): return "\(g) : champ « \(champ) » invalide : \(detail)"
        case .aucunCritere: return "\(g) : champ « criteres » vide, au moins un critère est attendu"
        case let .rubriqueInvalide(rubrique, champ): return "\(g) : rubrique \(rubrique) : champ « \(champ) » absent ou vide"
        case let .rubriqueEnDouble(rubrique): return "\(g) : rubrique « \(rubrique) » déclarée deux fois"
        case let .champManquant(critere, champ): return "\(g) : critère \(critere) : champ « \(champ) » absent"
        case let .champVide(critere, champ): return "\(g) : critère \(critere) : champ « \(champ) » vide"
        case let .critereInconnu(critere):
            return "\(g) : critère \(critere) : champ « code » inconnu, le moteur ne sait pas le calculer"
        case let .codeEnDouble(critere): return "\(g) : critère \(critere) : champ « code » en double"
        case let .pointsNegatifs(critere, points):
            return "\(g) : critère \(critere) : champ « points » négatif (\(points)), zéro ou plus attendu"
        case let .rubriqueInconnue(critere, rubrique):
            return "\(g) : critère \(critere) : champ « rubrique » « \(rubrique) » absent de la liste des rubriques"
        case let .modeInconnu(critere, mode):
            return "\(g) : critère \(critere) : champ « mode » « \(mode) » inconnu (ponctuel, parMois ou parPersonne)"
        case let .modeIncompatible(critere, mode, attendu):
            return "\(g) : critère \(critere) : champ « mode » « \(mode) » incompatible avec ce critère (\(attendu))"
        case let .plafondInvalide(critere, plafond):
            return "\(g) : critère \(critere) : champ « plafond » négatif (\(plafond))"
        case let .seuilManquant(critere, attendu): return "\(g) : critère \(critere) : champ « seuil » absent (\(attendu))"
        case let .seuilInvalide(critere, seuil, attendu):
            return "\(g) : critère \(critere) : champ « seuil » hors bornes (\(seuil), \(attendu))"
        case let .seuilSansObjet(critere): return "\(g) : critère \(critere) : champ « seuil » sans objet pour ce critère"
        case let .validationImpossible(critere):
            return "\(g) : critère \(critere) : champ « necessiteValidation » vrai, mais aucune validation ne peut "
                + "être enregistrée pour ce critère sur une demande"
        }
    }
}
