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
        var corps = String(c[0..<13])
        var ajustement = 0
        if corps.dropFirst(5).hasPrefix("2A") {
            corps = corps.replacingOccurrences(of: "2A", with: "19"); ajustement = 1_000_000
        } else if corps.dropFirst(5).hasPrefix("2B") {
            corps = corps.replacingOccurrences(of: "2B", with: "18"); ajustement = 2_000_000
        }
        guard corps.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(corps),
            let cle = Int(String(c[13..<15]))
        else { return "Le NIR ne contient que des chiffres (et 2A/2B pour la Corse)." }
        // INSEE: for 2A the number is read with 19 then 1 000 000 subtracted; for 2B, 18 and 2 000 000.
        let attendue = 97 - Int((n - Int64(ajustement)) % 97)
        guard cle == attendue else { return "La clé du NIR ne correspond pas (vérifiez la saisie)." }
        if let d = dateNaissance, let aa = Int(String(c[1..<3])), aa != d.annee % 100 {
            return "L'année de naissance du NIR (\(String(c[1..<3]))) ne correspond pas à la date de naissance."
        }
        return nil
    }
}
