"""OpenAI-compatible chat: `POST /v1/chat/completions` and `GET /v1/models`.

Stateless: the request's earlier user/assistant messages are the conversation history (system
messages are ignored: askcorpus has its own prompt); the last message must be the user's
question. The reply's `choices[0].message.content` is the answer; its numbered sources are in
the extra top-level field `citations` (and the rest of the answer object in `askcorpus`).
`max_tokens` / `max_completion_tokens` above the server's cap are clamped to it; sampling
options (temperature, top_p, stop) are checked for type and range, then ignored; other
fields are ignored.

Streaming uses OpenAI's chunk format (`data: {chat.completion.chunk}` ... `data: [DONE]`).
Tokens are sent as the model writes them; the answer is then checked against its sources. If
the checked answer differs from what streamed (a citation moved, or the model's text was
replaced by the best evidence sentence), the rest is sent as a final delta beginning
"\\n\\nchecked answer: " - the same as the terminal chat does. The last chunk carries
`finish_reason`, `citations` and `askcorpus`.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from askcorpus.answer import EXTRACTIVE
from askcorpus.errors import AskcorpusError, QueryError
from askcorpus.retrieve import clean_query, tidy_text
from askcorpus.serve import (
    SSE_HEADERS,
    ClientGoneError,
    _errors,
    answer_job,
    clamp_tokens,
    deadline_for,
    get_service,
    job_events,
    job_failure,
    log_extra,
    wait_result,
)
from askcorpus.serve_http import error_body

router = APIRouter(tags=["openai"])

# askcorpus finish reasons -> OpenAI's (which has no "timeout" or "cancelled").
FINISH = {"stop": "stop", "length": "length", "timeout": "length", "cancelled": "stop"}
ROLES = {"system", "developer", "user", "assistant", "tool", "function"}


class OpenAIMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None


class OpenAIChatRequest(BaseModel):
    """The subset of OpenAI's chat request that askcorpus uses (other fields are ignored)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "model": "askcorpus",
                    "messages": [{"role": "user", "content": "Where did Rutte meet Trump?"}],
                }
            ]
        },
    )
    model: str | None = Field(None, description="Ignored: the server's model answers.")
    messages: list[OpenAIMessage] = Field(min_length=1)
    stream: StrictBool = False
    max_tokens: StrictInt | None = Field(None, ge=1, description="Clamped to the server's cap.")
    max_completion_tokens: StrictInt | None = Field(None, ge=1, description="Same as max_tokens.")
    n: StrictInt | None = Field(None, ge=1, le=1, description="Only 1 is supported.")
    stream_options: dict[str, Any] | None = None
    # Sampling options: checked, then ignored (the answer pipeline decides how it writes).
    temperature: float | None = Field(None, ge=0, le=2, description="Checked and ignored.")
    top_p: float | None = Field(None, ge=0, le=1, description="Checked and ignored.")
    stop: str | list[str] | None = Field(None, description="Checked and ignored.")


def _text(msg: OpenAIMessage, i: int) -> str:
    content = msg.content
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    parts = []
    for part in content:
        if part.get("type") == "text" and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            raise QueryError(
                f"messages[{i}].content: only text parts are supported "
                f"(got type {part.get('type')!r})"
            )
    return "\n".join(parts)


def conversation_from(
    messages: list[OpenAIMessage],
    history_turns: int,
    max_chars: int = 1000,
    abstention: str = "",
) -> tuple[str, Any]:
    """(question, Conversation of the earlier user/assistant pairs or None). Earlier messages
    are cleaned as the question is (`tidy_text`; a user message cut to `max_chars`), and a
    user message left blank is no turn; an assistant reply that opens with `abstention` (the
    abstain template's first words) was no answer."""
    from askcorpus.conversation import Conversation, Turn, standalone_question

    for i, m in enumerate(messages):
        if m.role not in ROLES:
            raise QueryError(
                f"messages[{i}].role: unknown role {m.role!r}; use system, user or assistant"
            )
    dialogue = [(i, m) for i, m in enumerate(messages) if m.role in ("user", "assistant")]
    if not dialogue or dialogue[-1][1].role != "user":
        raise QueryError(
            "the last user/assistant message must have role 'user': it is the question"
        )
    turns = []
    pending: str | None = None
    for i, m in dialogue[:-1]:
        text = tidy_text(_text(m, i))
        if m.role == "user":
            pending = text[:max_chars] or None
        elif pending is not None:
            said_nothing = bool(abstention) and text.startswith(abstention)
            turns.append(Turn(pending, pending, text, [], said_nothing))
            pending = None
    last_i, last = dialogue[-1]
    question = _text(last, last_i)
    if history_turns <= 0:
        return question, None
    conv = Conversation(max_turns=history_turns)
    for t in turns:
        # each earlier question as the service would have read it, so a third turn's context
        # reaches back to the question that set the topic (as in /v1/chat)
        t.standalone = standalone_question(t.question, conv)
        conv.add(t)
    return question, conv


def _answering_model(svc: Any) -> str:
    """What answers, as the answer object's `model` says it: "extractive" in extract mode (the
    best evidence sentence, no LLM reply), else the LLM's file name."""
    if svc.settings.resolved_answer_mode() == "extract":
        return EXTRACTIVE
    return str(getattr(svc.rt.generator, "model_id", "askcorpus"))


def _citations(ans: Any) -> list[dict[str, Any]]:
    return [dict(c) for c in ans.to_dict()["citations"]]


def _extra(ans: Any, job: Any, max_tokens: int) -> dict[str, Any]:
    d = ans.to_dict()
    d["timings"]["queue_ms"] = round(job.queue_ms, 1)
    return {
        k: d[k]
        for k in (
            "abstained",
            "grounded",
            "model",
            "finish_reason",
            "question",
            "standalone_question",
            "timings",
        )
    } | {"max_tokens": max_tokens}


def correction(streamed: str, final: str) -> str:
    """What to send after the streamed tokens so the reply ends as the checked answer."""
    if final.startswith(streamed):
        return final[len(streamed) :]
    if " ".join(streamed.split()) == " ".join(final.split()):
        return ""
    if not streamed.strip():
        return final
    return f"\n\nchecked answer: {final}"


@router.get("/v1/models", responses=_errors(401))
async def models(request: Request) -> JSONResponse:
    """The one model this server answers with (OpenAI format)."""
    svc = get_service(request)
    model = _answering_model(svc) if svc.ready.is_set() else "askcorpus"
    return JSONResponse(
        {
            "object": "list",
            "data": [{"id": model, "object": "model", "created": 0, "owned_by": "askcorpus"}],
        }
    )


@router.post(
    "/v1/chat/completions",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "chat.completion, or chat.completion.chunk events if stream=true",
        },
        **_errors(400, 401, 413, 415, 422, 503),
    },
)
async def chat_completions(body: OpenAIChatRequest, request: Request) -> Response:
    """OpenAI-compatible chat completion grounded in the corpus."""
    svc = get_service(request)
    s = svc.settings
    svc.check_ready()
    abstention = tidy_text(svc.rt.prompts.abstain)[:40]
    question, conversation = conversation_from(
        body.messages, s.history_turns, s.max_question_chars, abstention
    )
    question = clean_query(question, s.max_question_chars)
    max_tokens = clamp_tokens(body.max_completion_tokens or body.max_tokens, s)
    job = svc.worker.submit(
        answer_job(svc, question, conversation, None), deadline_for(request, s), max_tokens
    )
    rid = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    model = _answering_model(svc)

    def done_log(ans: Any) -> None:
        log_extra(
            request,
            queue_ms=f"{job.queue_ms:.0f}",
            tokens=job.tokens,
            finish=ans.finish_reason,
            abstained=str(ans.abstained).lower(),
        )

    if not body.stream:
        try:
            ans = await wait_result(job, request, svc)
        except ClientGoneError:
            return Response(status_code=499)
        done_log(ans)
        return JSONResponse(
            {
                "id": rid,
                "object": "chat.completion",
                "created": created,
                "model": ans.model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": ans.answer},
                        "finish_reason": FINISH.get(ans.finish_reason, "stop"),
                        "logprobs": None,
                    }
                ],
                "usage": {
                    "prompt_tokens": 0,
                    "completion_tokens": job.tokens,
                    "total_tokens": job.tokens,
                },
                "citations": _citations(ans),
                "askcorpus": _extra(ans, job, max_tokens),
            }
        )

    include_usage = bool((body.stream_options or {}).get("include_usage"))

    def chunk(
        delta: dict[str, Any], finish: str | None = None, answered_by: str = "", **extra: Any
    ) -> str:
        data = {
            "id": rid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": answered_by or model,  # the last chunk names what answered
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        }
        data.update(extra)
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    async def events() -> AsyncIterator[str]:
        yield chunk({"role": "assistant", "content": ""})
        streamed: list[str] = []
        async for kind, value in job_events(job, request, svc):
            if kind == "token":
                streamed.append(value)
                yield chunk({"content": value})
            elif kind == "done":
                done_log(value)
                tail = correction("".join(streamed), value.answer)
                if tail:
                    yield chunk({"content": tail})
                yield chunk(
                    {},
                    FINISH.get(value.finish_reason, "stop"),
                    value.model,
                    citations=_citations(value),
                    askcorpus=_extra(value, job, max_tokens),
                )
                if include_usage:
                    usage = {
                        "prompt_tokens": 0,
                        "completion_tokens": job.tokens,
                        "total_tokens": job.tokens,
                    }
                    last = {
                        "id": rid,
                        "object": "chat.completion.chunk",
                        "created": created,
                        "model": value.model,
                        "choices": [],
                        "usage": usage,
                    }
                    yield f"data: {json.dumps(last)}\n\n"
                yield "data: [DONE]\n\n"
            elif kind in ("error", "dropped"):
                err: AskcorpusError = job_failure(kind, value, s)
                log_extra(request, error=err.code)
                yield f"data: {json.dumps(error_body(err.code, str(err)))}\n\n"

    return StreamingResponse(events(), media_type="text/event-stream", headers=SSE_HEADERS)
