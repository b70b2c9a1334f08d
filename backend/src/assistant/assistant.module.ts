import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FindingsModule } from '../findings/findings.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { AssistantChatService } from './assistant-chat.service';
import { AssistantController } from './assistant.controller';
import { AssistantProviderEntity } from './assistant-provider.entity';
import { ProviderHosts } from './provider-hosts';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';
import { AssistantToolRegistry } from './tools/assistant-tool-registry';
import { ToolServices } from './tools/tool-services';

/** LLM providers, the read-only tools over collected data, and the chat API. Exports the registry for an MCP server. */
@Module({
  imports: [TypeOrmModule.forFeature([AssistantProviderEntity]), MonitoringModule, MetricsModule, FindingsModule],
  controllers: [ProvidersController, AssistantController],
  providers: [ProviderHosts, ProvidersService, ToolServices, AssistantToolRegistry, AssistantChatService],
  exports: [AssistantToolRegistry],
})
export class AssistantModule {}
