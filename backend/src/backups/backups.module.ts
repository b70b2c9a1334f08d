import { Module } from '@nestjs/common';
import { BackupSchedulerService } from './backup-scheduler.service';

@Module({
  providers: [BackupSchedulerService],
  exports: [BackupSchedulerService],
})
export class BackupsModule {}
