import Foundation

extension Euros {
    /// « 1 830,50 € », « 3 000 € »: French grouping by thousands, as `Int.enEuros` prints the ceilings, so that the
    /// values of a filter read alike.
    var enFrancais: String {
        let c = centimes.magnitude
        let entiers = Int(c / 100).enEuros.dropLast(2)
        let signe = centimes < 0 ? "-" : ""
        return c % 100 == 0 ? "\(signe)\(entiers) €" : "\(signe)\(entiers),\(c % 100 < 10 ? "0" : "")\(c % 100) €"
    }
}
