from fastapi import Request, Response


class AuthService:
    def set_cookie(self, request: Request, response: Response, token: str, expires_at) -> None:
        response.set_cookie(
            "session",
            token,
            expires=expires_at,
            secure=request.url.hostname not in ("127.0.0.1", "localhost"),
            httponly=True,
        )


auth_service = AuthService()
