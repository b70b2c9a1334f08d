import { Body, Controller, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { chatRequestSchema, chatResponseSchema } from '@inspector/contracts';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { AssistantChatService, type ChatEvent } from './assistant-chat.service';

class ChatRequestDto extends createZodDto(chatRequestSchema) {}
class ChatResponseDto extends createZodDto(chatResponseSchema) {}

const STREAMS = 'Answers JSON, or server-sent events (text, tool-call, then done or error) when the request accepts text/event-stream';

@ApiTags('assistant')
@Controller()
export class AssistantController {
  constructor(private readonly chat: AssistantChatService) {}

  @Post('instances/:id/assistant')
  @RequirePermission('assistant:read', { instanceParam: 'id' })
  @ApiOperation({ summary: `Ask the assistant about this instance. ${STREAMS}` })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({ type: ChatResponseDto })
  askInstance(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ChatRequestDto,
    @Client() client: ClientContext,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.answer(body, { principal, client, instanceId: id }, request, response);
  }

  @Post('assistant')
  @RequirePermission('assistant:read', { anyInstance: true })
  @ApiOperation({ summary: `Ask the assistant about every instance you may see. ${STREAMS}` })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({ type: ChatResponseDto })
  askFleet(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChatRequestDto,
    @Client() client: ClientContext,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.answer(body, { principal, client, instanceId: null }, request, response);
  }

  private async answer(
    body: ChatRequestDto,
    options: { principal: Principal; client: ClientContext; instanceId: string | null },
    request: Request,
    response: Response,
  ) {
    if (request.accepts(['application/json', 'text/event-stream']) !== 'text/event-stream') {
      response.status(200).json(await this.chat.ask(body, options));
      return;
    }
    const aborted = new AbortController();
    response.on('close', () => aborted.abort());
    const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const run = await this.chat.start(body, {
      ...options,
      abortSignal: aborted.signal,
      onEvent: (event: ChatEvent) => (event.type === 'text' ? send('text', { delta: event.delta }) : send('tool-call', event.call)),
    });
    response.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    try {
      send('done', await run());
    } catch (error) {
      // Headers are gone: the failure becomes the stream's last event, with the status the JSON answer would have had.
      const status = error instanceof HttpException ? error.getStatus() : 500;
      send('error', { status, message: error instanceof HttpException ? error.message : 'Internal server error' });
    }
    response.end();
  }
}
