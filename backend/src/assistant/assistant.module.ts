import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FindingsModule } from '../findings/findings.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { PluginsModule } from '../plugins/plugins.module';
import { AssistantChatService } from './assistant-chat.service';
import { AssistantController } from './assistant.controller';
import { AssistantProviderEntity } from './assistant-provider.entity';
import { AssistantConversationEntity } from './conversations/conversation.entity';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsService } from './conversations/conversations.service';
import { ProviderHosts } from './provider-hosts';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';
import { AssistantToolRegistry } from './tools/assistant-tool-registry';
import { ToolServices } from './tools/tool-services';

/** LLM providers, the read-only tools over collected data, the chat API and the conversations it keeps per user. Exports the registry for an MCP server. */
@Module({
  imports: [TypeOrmModule.forFeature([AssistantProviderEntity, AssistantConversationEntity]), MonitoringModule, MetricsModule, FindingsModule, PluginsModule],
  controllers: [ProvidersController, AssistantController, ConversationsController],
  providers: [ProviderHosts, ProvidersService, ToolServices, AssistantToolRegistry, AssistantChatService, ConversationsService],
  exports: [AssistantToolRegistry],
})
export class AssistantModule {}
