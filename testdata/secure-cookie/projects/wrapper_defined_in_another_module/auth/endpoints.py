from fastapi import APIRouter, Request, Response

from .service import auth_service

router = APIRouter()


@router.post("/login")
async def login(request: Request, response: Response) -> None:
    # The project's own set_cookie, which takes no secure: adding one would raise.
    auth_service.set_cookie(request, response, "token", None)
    # The framework's, on the response itself.
    response.set_cookie("theme", "dark")
