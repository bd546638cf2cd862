"""A FastAPI service that issues an access-token cookie and a preferences cookie."""
from fastapi import FastAPI, Form, HTTPException, Response

app = FastAPI()

USERS = {"alice": "wonderland"}


@app.post("/token")
def issue_token(response: Response, username: str = Form(...), password: str = Form(...)):
    if USERS.get(username) != password:
        raise HTTPException(status_code=401, detail="bad credentials")
    response.set_cookie(key="access_token", value=f"Bearer {username}", httponly=True)
    return {"ok": True}


@app.post("/preferences")
def save_preferences(response: Response, theme: str = Form("light")):
    response.set_cookie("theme", theme, max_age=31536000, secure=True, samesite="lax")
    return {"theme": theme}
