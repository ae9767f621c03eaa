export { ApiTokenStore, TokenError, TokenInfo, TokenName, looksLikeApiToken } from "./api-tokens.js";
export { createAuthenticator, type Authenticator } from "./authenticate.js";
export { checkNavigator, createEntraVerifier, entraIssuers, entraJwksUrl, type EntraVerifier } from "./entra.js";
export { AuthError, Navigator, NotANavigatorError } from "./navigator.js";
