import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AssistantModule } from '../assistant/assistant.module';
import { answerMethodNotAllowed } from './method-not-allowed';
import { McpController } from './mcp.controller';
import { McpService } from './mcp.service';

/** The assistant's tools over the Model Context Protocol at /api/mcp, for personal access tokens. */
@Module({
  imports: [AssistantModule],
  controllers: [McpController],
  providers: [McpService],
})
export class McpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(answerMethodNotAllowed).forRoutes({ path: 'mcp', method: RequestMethod.GET }, { path: 'mcp', method: RequestMethod.DELETE });
  }
}
