"""The HTTP and chat edge: the FastAPI app (app.py), one router per resource (questions, documents,
health, the OpenAI-compatible facade), the request guards, the Gradio chat, and how the running
app follows the reports folder and the index on disk (reload.py). The core it serves is qa/."""
