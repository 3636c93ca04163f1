import Foundation

/// The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"): 13 characters and a 2-digit key,
/// key = 97 − (number mod 97), with Corsica's 2A/2B read as 19/18 for the computation (INSEE).
public enum NIR {
    /// A French message when `nir` is malformed or its key is wrong, nil when it is valid.
    public static func probleme(_ nir: String, dateNaissance: Jour?) -> String? {
        let v = nir.replacingOccurrences(of: " ", with: "").uppercased()
        guard v.count == 15 else { return "Le NIR compte 15 caractères, clé comprise (reçu \(v.count))." }
        let c = Array(v)
        guard c[0] == "1" || c[0] == "2" || c[0] == "3" || c[0] == "4" || c[0] == "7" || c[0] == "8" else {
            return "Le NIR commence par 1 ou 2 (sexe), ou 3, 4, 7, 8 pour un numéro provisoire."
        }
        // Corsica: the département 2A is read as 19 and 2B as 18, in place, with no further adjustment. Worked examples:
        // 1 62 06 2A 765 118 key 05, 2 53 07 2B 073 004 key 70 (python-stdnum fr/nir.py, Cnamts\Nir\NirKey).
        var chiffres = Array(c[0..<13])
        switch String(chiffres[5..<7]) {
        case "2A": chiffres.replaceSubrange(5..<7, with: "19")
        case "2B": chiffres.replaceSubrange(5..<7, with: "18")
        default: break
        }
        let corps = String(chiffres)
        let cleTexte = String(c[13..<15])
        guard corps.allSatisfy({ $0.isASCII && $0.isNumber }), cleTexte.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int64(corps), let cle = Int(cleTexte)
        else { return "Le NIR ne contient que des chiffres (et 2A/2B pour la Corse)." }
        let attendue = 97 - Int(n % 97)
        guard cle == attendue else { return "La clé du NIR ne correspond pas (vérifiez la saisie)." }
        if let d = dateNaissance, let aa = Int(String(c[1..<3])), aa != d.annee % 100 {
            return "L'année de naissance du NIR (\(String(c[1..<3]))) ne correspond pas à la date de naissance."
        }
        return nil
    }
}
