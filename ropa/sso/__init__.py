"""Single sign-on with OpenID Connect: Authlib's OAuth 2.0 client over httpx2, ID tokens checked with joserfc."""
