import ArgumentParser

/// Turns a library error into the one-line reason and exit status 1 of SPEC §7.
///
/// Usage errors (bad flags) stay ArgumentParser's and exit 2; everything a user can fix in
/// their input (a bad CSV row, a policy that fails validation, a tampered signature) is thrown
/// from `run()` wrapped in this, so `main` prints `error: <reason>` and exits 1.
struct UserFacingError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    init(_ error: any Error) { self.message = String(describing: error) }
    var description: String { message }
}

extension UserFacingError {
    /// Runs `body`, mapping any thrown error that is not already an exit or usage error to a
    /// `UserFacingError` so the command exits 1 with its message.
    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ExitCode { throw error } catch let error as UserFacingError {
            throw error
        } catch let error as ValidationError { throw error } catch { throw UserFacingError(error) }
    }
}
